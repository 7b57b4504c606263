using System.Threading.Tasks;
using Amazon;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Consumer
{
    /// <summary>
    /// What a CrossAccountAnalyzers user writes, compiled by every consumer of the matrix (C# 7.3, AWS SDK v3.7 and v4):
    /// an "expect" marker names the rules that must be reported on its line by default, a "strict" marker those that only
    /// the Strict preset reports.
    /// </summary>
    public static class Reports
    {
        private const string VendorExternalId = "acme-prod-2f9c1e";

        // Kept "for reference" after a rotation.
        private const string RotatedKeyId = "AKIAQ3EGRTX7KPLM2NWZ"; // expect CXA2003

        public const string ServiceTrust = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"; // strict CXA3003

        public static async Task<Credentials> AssumeCustomerRoleAsync(IAmazonSecurityTokenService sts, string customerRoleArn)
        {
            // The customer's role, assumed with nothing but its ARN.
            var request = new AssumeRoleRequest { RoleArn = customerRoleArn, RoleSessionName = "reports" }; // expect CXA1001
            var response = await sts.AssumeRoleAsync(request);
            return response.Credentials;
        }

        public static AssumeRoleRequest AuditRequest(string auditRoleArn)
        {
            return new AssumeRoleRequest { RoleArn = auditRoleArn, RoleSessionName = "audit" }; // expect CXA1001
        }

        public static AssumeRoleRequest WithPlaceholderExternalId(string roleArn)
        {
            // Copied from the vendor's onboarding page; CXA1005 wins over CXA1002 on a guessable constant.
            return new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "vendor", ExternalId = "REPLACE_ME" }; // expect CXA1005
        }

        public static AssumeRoleRequest WithConstantExternalId(string roleArn)
        {
            return new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "vendor", ExternalId = VendorExternalId }; // strict CXA1002
        }

        public static IAmazonSecurityTokenService LeakedClient()
        {
            // Keys pasted from the console.
            return new AmazonSecurityTokenServiceClient("AKIARTX3GSDS7FJONNBY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret0", RegionEndpoint.USEast1); // expect CXA2001
        }

        public static Amazon.Runtime.AWSCredentials BatchCredentials()
        {
            return new Amazon.Runtime.BasicAWSCredentials("AKIAZ4TNB7VQWX2ELR6M", "Pq8vN3xK0bR7tLw2Yc5Hj9Fm1Ds4Ga6Ue8Zi0Oy3"); // expect CXA2002
        }
    }

    /// <summary>Resource policies kept as constants, in a class that uses no AWS type.</summary>
    public static class QueuePolicies
    {
        // Lets any SNS topic of any account deliver to the queue.
        public const string NotificationsQueue = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:us-east-1:111122223333:notifications\"}]}"; // expect CXA3004
    }
}
