using System;

namespace ConfusedDeputy;

public static class Program
{
    public static void Main()
    {
        // The sample exists to be built: `dotnet build samples/ConfusedDeputy` shows CXA1001 on
        // VulnerableReportHandler. It makes no AWS call.
        Console.WriteLine("Build this project to see CXA1001 on VulnerableReportHandler.HandleAsync.");
    }
}
