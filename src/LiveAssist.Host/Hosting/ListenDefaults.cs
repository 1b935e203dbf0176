namespace LiveAssist.Host.Hosting;

internal static class ListenDefaults
{
    /// <summary>Loopback only unless the operator says otherwise with ASPNETCORE_URLS or --urls.</summary>
    public const string Urls = "http://127.0.0.1:5080";
}
