/// The planned stream as infrastructure code: an `AWS::Kinesis::Stream` CloudFormation resource (YAML) or a
/// Terraform `aws_kinesis_stream` resource, ready to paste into a template.
///
/// Property names follow the CloudFormation template reference
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html) and the
/// Terraform AWS provider's `aws_kinesis_stream` (`name`, `shard_count`, `retention_period`, `stream_mode_details`).
public enum StreamTemplate {
    public enum Format: String, CaseIterable, Sendable {
        case cloudFormation = "cloudformation"
        case terraform
    }

    /// The snippet for a provisioned stream of `shardCount` shards.
    public static func render(_ format: Format, scenarioName: String, shardCount: Int, retentionPeriodHours: Int)
        -> String
    {
        let name = streamName(scenarioName)
        switch format {
        case .cloudFormation:
            return """
                # Planned by shardsim plan: \(shardCount) shard\(shardCount == 1 ? " meets" : "s meet") the scenario's SLO.
                \(logicalId(scenarioName)):
                  Type: AWS::Kinesis::Stream
                  Properties:
                    Name: \(name)
                    ShardCount: \(shardCount)
                    RetentionPeriodHours: \(retentionPeriodHours)
                    StreamModeDetails:
                      StreamMode: PROVISIONED

                """
        case .terraform:
            return """
                # Planned by shardsim plan: \(shardCount) shard\(shardCount == 1 ? " meets" : "s meet") the scenario's SLO.
                resource "aws_kinesis_stream" "\(terraformLabel(scenarioName))" {
                  name             = "\(name)"
                  shard_count      = \(shardCount)
                  retention_period = \(retentionPeriodHours)

                  stream_mode_details {
                    stream_mode = "PROVISIONED"
                  }
                }

                """
        }
    }

    /// A stream name AWS accepts: `[a-zA-Z0-9_.-]{1,128}`; other characters become "-".
    static func streamName(_ scenarioName: String) -> String {
        let kept = scenarioName.unicodeScalars.map { isNameCharacter($0) || $0 == "." ? Character($0) : "-" }
        let name = String(kept.prefix(128))
        return name.isEmpty ? "stream" : name
    }

    /// A CloudFormation logical id: alphanumeric only, from the name's words in UpperCamelCase, then "Stream".
    static func logicalId(_ scenarioName: String) -> String {
        var id = ""
        var capitalizeNext = true
        for scalar in scenarioName.unicodeScalars {
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) else {
                capitalizeNext = true
                continue
            }
            id += capitalizeNext ? String(scalar).uppercased() : String(scalar)
            capitalizeNext = false
        }
        if id.first.map({ !$0.isLetter }) ?? true { id = "Kinesis" + id }
        return String(id.prefix(200)) + "Stream"
    }

    /// A Terraform resource label: letters, digits, "_" and "-", starting with a letter or "_".
    static func terraformLabel(_ scenarioName: String) -> String {
        var label = String(scenarioName.unicodeScalars.map { isNameCharacter($0) ? Character($0) : "_" }.prefix(128))
        if label.first.map({ !$0.isLetter && $0 != "_" }) ?? true { label = "_" + label }
        return label
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
    }
}
