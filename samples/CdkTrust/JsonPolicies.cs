namespace CdkTrust;

/// <summary>
/// Trust policies written as JSON, as code that calls IAM's CreateRole (AssumeRolePolicyDocument) or
/// PolicyDocument.FromJson keeps them: the same rules as for CDK principals, squiggled inside the string.
/// </summary>
public static class JsonPolicies
{
    // A vendor's account may assume the role with no ExternalId.
    public const string VendorTrust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"sts:AssumeRole"}]}"""; // CXA3001 expected here

    // Corrected: the vendor must send the ExternalId it generated for this customer.
    public const string VendorTrustWithExternalId = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::210987654321:root" },
              "Action": "sts:AssumeRole",
              "Condition": { "StringEquals": { "sts:ExternalId": "c7f1a9e2-acme-prod" } }
            }
          ]
        }
        """;

    // Built in code: the customer's account is a run-time value, still another account's root.
    public static string ForCustomer(string customerAccountId) => $"{{\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::{customerAccountId}:root\"}},\"Action\":\"sts:AssumeRole\"}}]}}"; // CXA3001 expected here

    // Corrected: the ExternalId comes from the caller, one per customer.
    public static string ForCustomer(string customerAccountId, string externalId) => $$"""
        { "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::{{customerAccountId}}:root" }, "Action": "sts:AssumeRole",
          "Condition": { "StringEquals": { "sts:ExternalId": "{{externalId}}" } } } ] }
        """;
}
