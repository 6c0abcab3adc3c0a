use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = pacta::cli::Cli::parse();
    ExitCode::from(pacta::cli::run(cli))
}
