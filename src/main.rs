fn main() -> std::process::ExitCode {
    wijkbudget::cli::main()
}
