import FunnelCore

/// The deal fields field mappings need, under the same names for every CRM, with no extra config:
/// `owner` (HubSpot `hubspot_owner_id`; Pipedrive `owner_id`, its name when the API gives one),
/// `amount` (HubSpot `amount`, Pipedrive `value`) and `close_date` (HubSpot `closedate`, Pipedrive
/// `expected_close_date`, as `YYYY-MM-DD`). The CRM's own fields stay as they are.
enum DealFields {
    static let names: Set<String> = ["owner", "amount", "close_date"]

    static func add(owner: JSONValue?, amount: JSONValue?, closeDate: JSONValue?, to fields: inout [String: JSONValue]) {
        fields["owner"] = owner.flatMap { $0.scalarText.map(JSONValue.string) } ?? .null
        if fields["amount"] == nil || fields["amount"] == .null { fields["amount"] = amount ?? .null }
        let day = closeDate?.scalarText.flatMap { $0.isEmpty ? nil : String($0.prefix(10)) }
        fields["close_date"] = day.map(JSONValue.string) ?? .null
    }
}
