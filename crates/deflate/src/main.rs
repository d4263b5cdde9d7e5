//! `sharecite-deflate [--dictionary N] [--iterations N] [--blocks N] [--ends N,N,…]`:
//! standard input deflated as [`sharecite_deflate::deflate_in_parts`]
//! writes it (`--ends`: where blocks must end), on standard output.
//! scripts/stored-module.mjs runs it.

use std::io::{Read, Write};
use std::process::ExitCode;

use sharecite_deflate::{deflate_in_parts, Options};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("sharecite-deflate: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut dictionary = 0;
    let mut options = Options::default();
    let mut block_ends = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} wants a number"))?;
        let whole = |text: &str| {
            text.parse::<u32>()
                .map_err(|_| format!("{flag} {value}: not a whole number"))
        };
        if flag == "--ends" {
            // A build tool, never in the wasm: std's searches are fine here
            // (clippy.toml keeps them out of shipped code).
            #[allow(clippy::disallowed_methods)]
            let ends = value.split(',');
            for end in ends {
                block_ends.push(whole(end)? as usize);
            }
            continue;
        }
        let number = whole(&value)?;
        match flag.as_str() {
            "--dictionary" => dictionary = number as usize,
            "--iterations" => options.iterations = number,
            "--blocks" => options.max_blocks = number,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .map_err(|error| format!("reading standard input: {error}"))?;
    let file = deflate_in_parts(&input, dictionary, &block_ends, &options)
        .map_err(|error| error.to_string())?;
    std::io::stdout()
        .write_all(&file)
        .map_err(|error| format!("writing standard output: {error}"))
}
