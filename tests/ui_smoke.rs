//! One real window under Xvfb: `passerelle --screenshot` must write a PNG that is not blank.
//! Without `xvfb-run` the test fails when `CI` is set (CI installs it) and is skipped with a
//! note otherwise.

#![cfg(feature = "gui")] // the app is built only with the `gui` feature
#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a failed test

use std::collections::HashSet;
use std::process::Command;

fn has_xvfb_run() -> bool {
    Command::new("sh")
        .args(["-c", "command -v xvfb-run"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn screenshot_of_a_real_window_is_not_blank() {
    if !has_xvfb_run() {
        assert!(
            std::env::var_os("CI").is_none(),
            "xvfb-run is not installed: CI must install xvfb (and libxcursor1 libxrandr2 libxi6 \
             libxkbcommon-x11-0 libegl1 libegl-mesa0 libgl1-mesa-dri)"
        );
        eprintln!("skipping the real-window smoke test: xvfb-run is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shot.png");
    let runtime = tempfile::tempdir().unwrap();
    let status = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .arg(env!("CARGO_BIN_EXE_passerelle"))
        .arg("--screenshot")
        .arg(&out)
        .args(["--select", "003_33f6b91dc8db4b29", "--size", "1280x800"])
        .env("XDG_RUNTIME_DIR", runtime.path())
        .status()
        .expect("run xvfb-run");
    assert!(status.success(), "passerelle --screenshot failed: {status}");
    let image = image::open(&out).expect("a PNG was written").to_rgba8();
    assert!(
        image.width() >= 1000 && image.height() >= 600,
        "{}x{}",
        image.width(),
        image.height()
    );
    let colours: HashSet<[u8; 4]> = image.pixels().map(|p| p.0).collect();
    assert!(
        colours.len() > 200,
        "the screenshot looks blank: {} colours",
        colours.len()
    );
}
