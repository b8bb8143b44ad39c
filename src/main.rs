fn main() -> std::process::ExitCode {
    soc2_ready::cli::main()
}
