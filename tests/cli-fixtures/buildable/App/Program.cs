using Amazon;
using Amazon.S3;

namespace Buildable.App;

public static class Program
{
    public static void Main()
    {
        using var s3 = new AmazonS3Client("AKIARTX3GSDS7FJONNBY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret0", RegionEndpoint.USEast1); // expect CXA2001
        Console.WriteLine(s3.Config.RegionEndpoint);
        var credentials = new Amazon.Runtime.SessionAWSCredentials("ASIAY34FZKBOKMUTVV7A", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret0", "FwoGZXIvYXdzEJr//////////wEaDHRlc3RzZXNzaW9udG9rZW4="); // expect CXA2002
        Console.WriteLine(credentials.GetType());
    }
}
