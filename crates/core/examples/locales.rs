//! Writes every locale but English (built in) as `dist/locales/` ships
//! it, compiled by the crate's build script: `make dist` runs
//! `locales <folder>` and hosts the folder beside the wasm.

use std::{env, fs, path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let Some(folder) = env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: locales <folder>");
        return ExitCode::FAILURE;
    };
    for (tag, text) in sharecite_core::i18n::LOCALE_FILES {
        if sharecite_core::i18n::Strings::is_built_in(tag) {
            continue;
        }
        let path = folder.join(format!("{tag}.txt"));
        if let Err(error) = fs::write(&path, text) {
            eprintln!("locales: could not write {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
