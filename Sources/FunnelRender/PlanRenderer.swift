public import Foundation
public import FunnelCore

/// Renders a `Plan` for people (terminal, pull request) and machines (the versioned JSON document),
/// and reads saved plans back. Pure: no I/O, no printing.
public enum PlanRenderer {
    /// The plan format versions `decode` reads.
    public static let supportedFormatVersions = [Plan.currentFormatVersion]

    /// The Terraform-like terminal view, ending with `Plan: N to create, …` (or `No changes. …`).
    public static func human(_ plan: Plan, options: RenderOptions) -> String {
        HumanPlanView(plan: prepared(plan, options), color: options.color).render()
    }

    /// GitHub-flavoured markdown for a pull-request comment: the summary, a collapsible table per group,
    /// then drift, rejected records and cards funnel does not own.
    public static func markdown(_ plan: Plan, options: RenderOptions) -> String {
        MarkdownPlanView(plan: prepared(plan, options)).render()
    }

    /// The saved / `--json` document (docs/plan-format.md): snake_case, sorted keys, pretty-printed.
    /// Personal data is masked (and `personal_data_masked` set) unless `options.showPersonalData`;
    /// write plan files for `apply` with `RenderOptions.planFile`.
    public static func json(_ plan: Plan, options: RenderOptions) throws -> String {
        let document = PlanDocument(prepared(plan, options), personalDataMasked: !options.showPersonalData)
        let data = try PlanDocumentCoding.encoder.encode(document)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a saved plan. Refuses a `format_version` it does not know, and (unless `allowMasked`, as for
    /// `funnel show`) a document whose personal data was masked, since applying it would write masks to Wix.
    public static func decode(_ data: Data, allowMasked: Bool = false) throws -> Plan {
        try PlanDocumentCoding.decode(data, allowMasked: allowMasked)
    }

    static func prepared(_ plan: Plan, _ options: RenderOptions) -> Plan {
        options.showPersonalData ? plan : PlanMasking.masked(plan)
    }
}
