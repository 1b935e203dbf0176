using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.BotFramework.Connector;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.BotFramework.State;
using LiveAssist.Dialogs.Flows;
using Microsoft.Extensions.Logging;

namespace LiveAssist.BuyerQa.Flows;

/// <summary>
/// <c>chat.continuePrivately</c> (args: <c>step</c>, the ask step to resume at; <c>text</c>, the text key to open
/// with; any other arg is a slot of that text): in a Teams group chat or channel, opens a 1:1 chat with the person (Connector
/// <c>POST /v3/conversations</c>), moves their place in this flow and its variables there, and asks there, so
/// an e-mail address or phone number is never written in front of the group. Returns true when the person was
/// reached privately; null in a 1:1 chat, in a preview, or when the channel refuses, and the flow asks where it is.
/// </summary>
public sealed partial class ContinuePrivatelyOperation(
    IStateStore state,
    ProactiveMessenger messenger,
    ILogger<ContinuePrivatelyOperation> logger,
    ConnectorChannel? connector = null) : IFlowOperation
{
    public string Name => "chat.continuePrivately";

    public async Task<JsonNode?> InvokeAsync(FlowTurn turn, JsonObject args, CancellationToken cancellationToken)
    {
        var activity = turn.Context.Activity;
        if (turn.IsPreview || connector is null || !BuyerQaBot.IsGroup(activity) || turn.Stack.Count == 0
            || activity.From?.Id is not { Length: > 0 } personId || activity.Recipient is not { } bot || string.IsNullOrEmpty(activity.ServiceUrl)
            || args["step"] is not JsonValue stepValue || !stepValue.TryGetValue<string>(out var step)
            || args["text"] is not JsonValue textValue || !textValue.TryGetValue<string>(out var textKey))
        {
            return null;
        }

        string conversationId;
        try
        {
            var created = await connector.CreateConversationAsync(activity.ServiceUrl, new ConversationParameters
            {
                IsGroup = false,
                Bot = new ChannelAccount(bot.Id ?? string.Empty, bot.Name, "bot"),
                Members = [new ChannelAccount(personId, activity.From.Name, "user")],
                TenantId = TenantOf(activity),
                ChannelData = TenantOf(activity) is { } tenant ? JsonSerializer.SerializeToElement(new { tenant = new { id = tenant } }) : null,
            }, cancellationToken).ConfigureAwait(false);
            if (created.Id is not { Length: > 0 and <= 512 } id)
            {
                return null;
            }

            conversationId = id;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Bots may not be allowed to start chats (not installed for the person, tenant policy): ask in the group.
            LogNotPrivate(logger, ex.Message);
            return null;
        }

        var reference = new ConversationReference
        {
            ChannelId = activity.ChannelId,
            ServiceUrl = activity.ServiceUrl,
            Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = TenantOf(activity) },
            Bot = bot,
            User = activity.From,
            Locale = turn.Language,
        };

        // The 1:1 chat takes over where the group left off: same flow, waiting at the step, same answers so far.
        var key = StateKeys.Conversation(new Activity { ChannelId = activity.ChannelId, Conversation = reference.Conversation })!;
        var saved = await state.ReadAsync(key, cancellationToken).ConfigureAwait(false) ?? [];
        // What the 1:1 chat knew before (the person may have talked to the bot there already) is kept, detached from its old place.
        var vars = saved["dialog"]?["vars"] as JsonObject ?? [];
        (vars.Parent as JsonObject)?.Remove("vars");
        foreach (var (name, value) in turn.Conversation)
        {
            vars[name] = value?.DeepClone();
        }

        var frame = new FlowFrame { Flow = turn.Stack[^1].Flow, Step = step, Waiting = true };
        saved["dialog"] = new JsonObject
        {
            ["stack"] = JsonSerializer.SerializeToNode(new List<FlowFrame> { frame }, ActivitySerializer.Options),
            ["vars"] = vars,
        };
        saved[BuyerQaBot.LanguageKey] = turn.Language;
        await state.WriteAsync(key, saved, cancellationToken).ConfigureAwait(false);

        var slots = args.Where(a => a.Key is not ("step" or "text")).ToDictionary(a => a.Key, a => (object?)a.Value?.ToString(), StringComparer.Ordinal);
        var text = turn.Content.Texts.Get(turn.Language, textKey, slots);
        try
        {
            var opening = new Activity { Type = ActivityTypes.Message, Text = text, Locale = turn.Language, ChannelData = JsonSerializer.SerializeToElement(new { textKey }) };
            await messenger.SendAsync(reference, opening, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The chat exists but the question did not arrive: leave it waiting there, and ask in the group as well.
            LogNotPrivate(logger, ex.Message);
            return null;
        }

        return JsonValue.Create(true);
    }

    private static string? TenantOf(Activity activity)
        => activity.Conversation?.TenantId
            ?? (activity.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("tenant", out var tenant)
                && tenant.ValueKind == JsonValueKind.Object && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString() : null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not continue in a 1:1 chat; asking in the group: {Reason}")]
    private static partial void LogNotPrivate(ILogger logger, string reason);
}
