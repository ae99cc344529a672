//! Atomic file replacement, shared by every export: the bytes go to a temporary file in the
//! target's folder, are flushed to disk, then renamed over the target. A failure at any step
//! removes the temporary file and leaves the existing target as it was: never a half file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::ExportError;

/// Writes `bytes` to `path` atomically (temp file in the same folder, fsync, rename).
/// A new file gets the usual `rw-r--r--` mode; a replaced file keeps its permissions.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let write_error = |e: io::Error| ExportError::Write {
        path: path.to_owned(),
        reason: describe(&e),
    };
    let folder = folder_of(path);
    if !folder.exists() {
        return Err(ExportError::MissingFolder {
            path: path.to_owned(),
            folder,
        });
    }
    if !folder.is_dir() {
        return Err(ExportError::Write {
            path: path.to_owned(),
            reason: format!("{} is not a folder", folder.display()),
        });
    }
    if path.is_dir() {
        return Err(ExportError::IsFolder {
            path: path.to_owned(),
        });
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".passerelle-export-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(write_error)?;
    temp.write_all(bytes).map_err(write_error)?;
    temp.flush().map_err(write_error)?;
    let permissions = match fs::metadata(path) {
        Ok(existing) => Some(existing.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(permissions) = permissions {
        temp.as_file()
            .set_permissions(permissions)
            .map_err(write_error)?;
    }
    temp.as_file().sync_all().map_err(write_error)?;
    // On failure `persist` hands the temp file back; dropping it deletes it.
    temp.persist(path).map_err(|e| write_error(e.error))?;
    sync_folder(&folder);
    Ok(())
}

/// The folder a target file lives in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// A short reason: "permission denied", "no space left on device" …
fn describe(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "read-only file system".to_owned(),
        io::ErrorKind::StorageFull => "no space left on device".to_owned(),
        _ => error.to_string(),
    }
}

#[cfg(unix)]
fn default_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<fs::Permissions> {
    None
}

/// Makes the rename itself durable where the platform allows it (best effort).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write(&path, b"first").unwrap();
        write(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_folder_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope").join("out.csv");
        let err = write(&path, b"x").unwrap_err();
        assert!(matches!(err, ExportError::MissingFolder { .. }));
        assert!(err.to_string().contains("nope"), "{err}");
    }

    #[test]
    fn a_folder_target_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let err = write(dir.path(), b"x").unwrap_err();
        assert!(matches!(err, ExportError::IsFolder { .. }), "{err}");
        assert!(dir.path().is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn an_unwritable_folder_leaves_the_old_file_untouched() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let probe = dir.path().join("probe");
        let is_root = fs::write(&probe, b"").is_ok(); // root ignores permissions
        let result = write(&path, b"new");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        if is_root {
            return;
        }
        let err = result.unwrap_err();
        assert!(err.to_string().contains("out.json"), "{err}");
        assert!(err.to_string().contains("permission denied"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert!(leftovers(dir.path()).is_empty());
    }
}
