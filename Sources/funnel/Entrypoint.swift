import ArgumentParser
import FunnelCLI

@main
struct Entrypoint {
    static func main() async {
        await FunnelCommand.main()
    }
}
