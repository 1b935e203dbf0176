namespace LiveAssist.BotFramework.Connector;

/// <summary>Gives the bearer token the bot presents to the Connector; null when the bot has no identity (local use).</summary>
public interface IBotTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}
