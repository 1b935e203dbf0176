using LiveAssist.Translation;
using Microsoft.Extensions.AI;

namespace LiveAssist.Engines.OpenAi;

/// <summary>
/// <c>Translator:Engines</c> name <c>openai</c>: a chat model on an OpenAI-compatible server (through
/// Microsoft.Extensions.AI) translates one caption into all languages in one call.
/// </summary>
public sealed class OpenAiChatTranslator(IChatClient chat, OpenAiServerOptions options) : ICaptionTranslator
{
    public const string EngineName = "openai";

    public string Name => EngineName;

    public async Task<IReadOnlyDictionary<string, TranslationResult>> TranslateAsync(CaptionTranslationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ChatMessage[] messages = [new(ChatRole.System, ChatTranslationPrompt.System(request)), new(ChatRole.User, request.Text)];
        var response = await chat.GetResponseAsync(messages, new ChatOptions
        {
            ModelId = options.Model,
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.Json,
        }, cancellationToken).ConfigureAwait(false);
        return ChatTranslationPrompt.ParseReply(response.Text, request.To)
            .ToDictionary(p => p.Key, p => new TranslationResult(p.Value, EngineName, false, []), StringComparer.OrdinalIgnoreCase);
    }
}
