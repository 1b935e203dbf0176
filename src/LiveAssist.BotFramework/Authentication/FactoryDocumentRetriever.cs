using Microsoft.IdentityModel.Protocols;

namespace LiveAssist.BotFramework.Authentication;

/// <summary>
/// The framework's <see cref="HttpDocumentRetriever"/> on a client from <see cref="IHttpClientFactory"/>, taken per
/// document so the factory's handler rotation (DNS changes) applies to a cache that lives as long as the process.
/// </summary>
internal sealed class FactoryDocumentRetriever(IHttpClientFactory clients, string clientName, bool requireHttps) : IDocumentRetriever
{
    public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        => new HttpDocumentRetriever(clients.CreateClient(clientName)) { RequireHttps = requireHttps }.GetDocumentAsync(address, cancel);
}
