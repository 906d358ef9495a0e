import ArgumentParser

/// `-v/--verbose` and `-q/--quiet`, for the commands that talk to Wix and the CRM: how much they
/// say on stderr besides their result and their errors.
struct LogOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log every Wix request (redacted).") var verbose = false
    @Flag(name: .shortAndLong, help: "Do not print a warning line for each retried request.") var quiet = false

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together") }
    }
}
