using System.Diagnostics;

namespace LiveAssist.BotFramework.Pipeline;

/// <summary>
/// Traces of turns (OpenTelemetry reads <see cref="ActivitySource"/>s): one span per turn, with a child per middleware,
/// the bot, and each activity sent, so a slow buyer answer shows where its time went. Nothing is recorded unless a
/// listener (the host's tracing, an exporter) is attached.
/// </summary>
public static class TurnTracing
{
    public const string SourceName = "LiveAssist.BotFramework";

    public static readonly ActivitySource Source = new(SourceName);

    internal static System.Diagnostics.Activity? StartTurn(Schema.Activity incoming)
    {
        var span = Source.StartActivity("turn", ActivityKind.Server);
        if (span is not null)
        {
            span.SetTag("bot.activity.type", incoming.Type);
            span.SetTag("bot.channel", incoming.ChannelId);
            span.SetTag("bot.delivery_mode", incoming.DeliveryMode ?? "normal");
            span.SetTag("bot.conversation.id", incoming.Conversation?.Id);
        }

        return span;
    }

    internal static System.Diagnostics.Activity? StartStage(string name) => Source.StartActivity(name, ActivityKind.Internal);
}
