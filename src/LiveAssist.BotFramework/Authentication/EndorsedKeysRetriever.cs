using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace LiveAssist.BotFramework.Authentication;

/// <summary>
/// Reads one OpenID metadata document and its JWKS for the framework's <see cref="ConfigurationManager{T}"/> (the stock
/// <see cref="OpenIdConnectConfigurationRetriever"/>; the keys' <c>endorsements</c> stay in their additional data), and
/// tells <see cref="NextRetrieval"/> when a retrieval ends, because the manager refreshes in the background and a request
/// holding an unknown key id waits for that refresh rather than being refused on the keys it already had.
/// </summary>
internal sealed partial class EndorsedKeysRetriever(ILogger logger) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    private TaskCompletionSource<OpenIdConnectConfiguration?> _next = NewRetrieval();

    /// <summary>Completes when the retrieval under way, or else the next one, ends: with its configuration, or null if it failed.</summary>
    public Task<OpenIdConnectConfiguration?> NextRetrieval => Volatile.Read(ref _next).Task;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        OpenIdConnectConfiguration? configuration = null;
        try
        {
            configuration = await OpenIdConnectConfigurationRetriever.GetAsync(address, retriever, cancel).ConfigureAwait(false);
            if (string.IsNullOrEmpty(configuration.JwksUri))
            {
                // Without a JWKS there are no keys: a failure, so the manager keeps serving the keys it had.
                throw new InvalidOperationException("OpenID metadata has no jwks_uri.");
            }

            LogKeysFetched(logger, configuration.SigningKeys.Count, address);
            return configuration;
        }
        catch (Exception ex)
        {
            configuration = null;
            LogRefreshFailed(logger, ex, address);
            throw;
        }
        finally
        {
            Interlocked.Exchange(ref _next, NewRetrieval()).TrySetResult(configuration);
        }
    }

    private static TaskCompletionSource<OpenIdConnectConfiguration?> NewRetrieval() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(10, LogLevel.Information, "Fetched {Count} signing keys from {MetadataUrl}")]
    private static partial void LogKeysFetched(ILogger logger, int count, string metadataUrl);

    [LoggerMessage(11, LogLevel.Warning, "Could not refresh signing keys from {MetadataUrl}; keeping the previous keys")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string metadataUrl);
}
