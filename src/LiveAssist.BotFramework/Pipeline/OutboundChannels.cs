namespace LiveAssist.BotFramework.Pipeline;

/// <summary>Picks the outbound channel for a serviceUrl: in-process channels first, the Connector last.</summary>
public sealed class OutboundChannels(IEnumerable<IOutboundChannel> channels)
{
    private readonly IOutboundChannel[] _channels = [.. channels];

    public IOutboundChannel For(string? serviceUrl)
    {
        if (string.IsNullOrEmpty(serviceUrl))
        {
            throw new InvalidOperationException("The activity has no serviceUrl, so there is nowhere to send the reply.");
        }

        foreach (var channel in _channels)
        {
            if (channel.Handles(serviceUrl))
            {
                return channel;
            }
        }

        throw new InvalidOperationException($"No outbound channel handles serviceUrl '{serviceUrl}'.");
    }
}
