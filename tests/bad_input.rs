//! Whatever the scrapers produced: every bad file is either loaded (decoded as well as
//! possible) or skipped with a warning naming it, never a panic or a hang, and the rest of
//! the corpus loads.

#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a failed test

use std::path::Path;

use passerelle::corpus::CorpusSource;
use passerelle::extract::Extractor;
use passerelle::pipeline;
use passerelle::store::Store;

const GOOD: &str = "Une délégation de la région de Kazan s'est rendue à Lyon le 3 octobre 2019.";

fn load_dir(dir: &Path) -> Store {
    pipeline::load(
        &CorpusSource::Paths(vec![dir.to_owned()]),
        &Extractor::new().unwrap(),
    )
    .unwrap()
}

fn assert_offsets_valid(store: &Store) {
    for analysed in store.docs() {
        let body = &analysed.doc.body;
        for m in &analysed.analysis.mentions {
            assert!(
                m.span.start() < m.span.end() && body.get(m.span.start()..m.span.end()).is_some(),
                "{}",
                analysed.doc.doc_id
            );
        }
        for e in &analysed.analysis.events {
            assert!(
                body.get(e.evidence.start()..e.evidence.end()).is_some(),
                "{}",
                analysed.doc.doc_id
            );
        }
    }
}

fn warning_for<'a>(store: &'a Store, name: &str) -> Option<&'a str> {
    store
        .warnings()
        .iter()
        .find(|w| w.path.ends_with(name))
        .map(|w| w.message.as_str())
}

#[test]
fn each_bad_file_is_loaded_or_skipped_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write("good.txt", GOOD.as_bytes());
    write("empty.txt", b"");
    write("blank.txt", b"  \n\t\r\n  ");
    write(
        "binary.txt",
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 0, 7].repeat(200),
    );
    let mut broken = GOOD.as_bytes().to_vec();
    broken.splice(20..20, [0xC3, 0x28, 0xFF, 0xFE]);
    broken.extend_from_slice(" Coopération économique à Moscou.".as_bytes());
    write("invalid_utf8.txt", &broken);
    let utf16: Vec<u8> = GOOD.encode_utf16().flat_map(u16::to_le_bytes).collect();
    write("utf16_no_bom.txt", &utf16);
    write(
        "long_word.txt",
        format!("{} {}", "a".repeat(200_000), GOOD).as_bytes(),
    );
    write(
        "punctuation.txt",
        "!!!!\n....\n« » — – ; : ?\n,,,,,\n".repeat(100).as_bytes(),
    );
    write(
        "rtl_emoji.txt",
        "مرحبا بالعالم 🇫🇷🤝🇷🇺 שלום עולם — Délégation à Paris 👍🏽\u{200f}\u{202e}".as_bytes(),
    );
    write(
        "mixed_scripts.txt",
        "Москва и Moscou: Дмитрий Medvedev à Санкт-Петербург, Сергей Ivanov.".as_bytes(),
    );
    write(
        "controls.txt",
        "Forum\u{7}\u{1b}[31m à Lyon\u{0}\u{0} le 2 mai 2018".as_bytes(),
    );

    let store = load_dir(dir.path());
    assert_offsets_valid(&store);
    let loaded: Vec<&str> = store.docs().iter().map(|d| d.doc.doc_id.as_str()).collect();
    for name in [
        "good",
        "invalid_utf8",
        "utf16_no_bom",
        "long_word",
        "punctuation",
        "rtl_emoji",
        "mixed_scripts",
        "controls",
    ] {
        assert!(
            loaded.contains(&name),
            "{name} should load; loaded {loaded:?}, warnings {:?}",
            store.warnings()
        );
    }
    for (name, reason) in [
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("binary.txt", "binary"),
    ] {
        let message = warning_for(&store, name).unwrap_or_else(|| panic!("no warning for {name}"));
        assert!(message.contains(reason), "{name}: {message}");
    }
    let damaged =
        warning_for(&store, "invalid_utf8.txt").expect("damaged UTF-8 is loaded with a warning");
    assert!(damaged.contains("U+FFFD"), "{damaged}");
    let utf16 = store
        .docs()
        .iter()
        .find(|d| d.doc.doc_id == "utf16_no_bom")
        .unwrap();
    assert_eq!(utf16.doc.body, GOOD);
    let controls = store
        .docs()
        .iter()
        .find(|d| d.doc.doc_id == "controls")
        .unwrap();
    assert!(!controls.doc.body.contains('\u{0}'));
}

#[test]
fn a_fifty_megabyte_single_line_file_loads() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "La coopération entre Lyon et Moscou progresse, selon la CCI France Russie; ";
    let huge = sentence.repeat(50 * 1024 * 1024 / sentence.len());
    std::fs::write(dir.path().join("huge.txt"), &huge).unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    let store = load_dir(dir.path());
    assert_eq!(store.docs().len(), 2);
    assert_offsets_valid(&store);
}

#[cfg(unix)]
#[test]
fn special_files_links_and_loops_are_skipped() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
    symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt")).unwrap();
    // a FIFO named .txt would block a naive reader forever
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let store = load_dir(dir.path());
    assert_eq!(store.docs().len(), 1);
    assert!(
        warning_for(&store, "loop").is_some_and(|m| m.contains("loop")),
        "{:?}",
        store.warnings()
    );
    assert!(warning_for(&store, "dangling.txt").is_some());
    if made {
        assert!(warning_for(&store, "pipe.txt").is_some_and(|m| m.contains("not a regular file")));
    }
}

#[test]
fn a_fifo_read_directly_is_skipped_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        return; // no mkfifo here: nothing to check
    }
    // on a thread, so that a reader that blocks fails the test instead of hanging it
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || send.send(passerelle::corpus::read_document(&fifo).err()));
    let warning = receive
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("read_document returns on a FIFO")
        .expect("a FIFO is skipped");
    assert!(warning.message.contains("not a regular file"), "{warning}");
}

#[test]
fn a_file_that_disappears_during_loading_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    let gone = dir.path().join("gone.txt");
    std::fs::write(&gone, GOOD).unwrap();
    let (files, _) = passerelle::corpus::discover(&[dir.path().to_owned()]).unwrap();
    assert_eq!(files.len(), 2);
    std::fs::remove_file(&gone).unwrap();
    let err = passerelle::corpus::read_document(&gone).unwrap_err();
    assert!(
        err.path.ends_with("gone.txt") && err.message.contains("skipped"),
        "{err}"
    );
}

#[test]
fn ten_thousand_tiny_files_load() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        let sub = dir.path().join(format!("d{}", i % 10));
        if i < 10 {
            std::fs::create_dir(&sub).unwrap();
        }
        std::fs::write(
            sub.join(format!("{i:05}.txt")),
            format!("Forum {i} à Kazan."),
        )
        .unwrap();
    }
    let store = load_dir(dir.path());
    assert_eq!(store.docs().len(), 10_000);
    assert!(store.warnings().is_empty());
}
