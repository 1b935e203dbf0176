namespace LiveAssist.BotFramework.Connector;

/// <summary>Thrown instead of sending the bot's credentials to a serviceUrl no authenticated activity vouched for.</summary>
public sealed class UntrustedServiceUrlException(string serviceUrl)
    : InvalidOperationException($"Refusing to call untrusted serviceUrl '{serviceUrl}'.")
{
    public string ServiceUrl { get; } = serviceUrl;
}
