//! `sharecite-deflate [--dictionary N] [--iterations N] [--blocks N]`:
//! standard input deflated as [`sharecite_deflate::deflate`] writes it,
//! on standard output. scripts/stored-module.mjs runs it.

use std::io::{Read, Write};
use std::process::ExitCode;

use sharecite_deflate::{deflate, Options};

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
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} wants a number"))?;
        let number: u32 = value
            .parse()
            .map_err(|_| format!("{flag} {value}: not a whole number"))?;
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
    let file = deflate(&input, dictionary, &options).map_err(|error| error.to_string())?;
    std::io::stdout()
        .write_all(&file)
        .map_err(|error| format!("writing standard output: {error}"))
}
