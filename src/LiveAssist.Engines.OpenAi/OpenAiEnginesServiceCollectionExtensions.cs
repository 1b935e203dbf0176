using System.ClientModel;
using System.ClientModel.Primitives;
using LiveAssist.EngineChains.Health;
using LiveAssist.Speech.Recognition;
using LiveAssist.Translation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace LiveAssist.Engines.OpenAi;

public static class OpenAiEnginesServiceCollectionExtensions
{
    /// <summary>Name of the speech server's <see cref="OpenAiServerOptions"/> (<c>Speech:OpenAi</c>) and kind of its probe.</summary>
    public const string SpeechKey = "speech";

    /// <summary>Name of the translation server's <see cref="OpenAiServerOptions"/> (<c>Translator:OpenAi</c>) and kind of its probe.</summary>
    public const string TranslatorKey = "translator";

    /// <summary>
    /// Registers the engines for OpenAI-compatible servers under the name <c>openai</c>: the recognizer (<c>/audio/transcriptions</c>)
    /// and the caption translator (a chat model), and their probes. Nothing is contacted unless <c>Speech:Engines</c> /
    /// <c>Translator:Engines</c> names it.
    /// </summary>
    public static IServiceCollection AddOpenAiEngines(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OpenAiServerOptions>(SpeechKey).Bind(configuration.GetSection(OpenAiServerOptions.SpeechSection)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OpenAiServerOptions>(TranslatorKey).Bind(configuration.GetSection(OpenAiServerOptions.TranslatorSection)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRefitGeneratedClient<ITranscriptionApi>()
            .ConfigureHttpClient((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<OpenAiServerOptions>>().Get(SpeechKey);
                http.BaseAddress = options.IsConfigured ? options.BaseUri() : new Uri("http://speech-openai-not-configured.invalid/");
                if (!string.IsNullOrWhiteSpace(options.ApiKey))
                {
                    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.ApiKey);
                }
            });
        services.AddKeyedSingleton<ISpeechRecognizer>(OpenAiTranscriptionRecognizer.EngineName, (sp, _) =>
            new OpenAiTranscriptionRecognizer(sp.GetRequiredService<ITranscriptionApi>(), sp.GetRequiredService<IOptionsMonitor<OpenAiServerOptions>>().Get(SpeechKey)));
        services.AddSingleton<IEngineProbe>(sp => new EngineProbe(SpeechKey, OpenAiTranscriptionRecognizer.EngineName, cancellationToken =>
            ProbeModelsAsync(sp, sp.GetRequiredService<IOptionsMonitor<OpenAiServerOptions>>().Get(SpeechKey), OpenAiServerOptions.SpeechSection, cancellationToken)));

        services.AddHttpClient(OpenAiServerOptions.SpeechSection);
        services.AddHttpClient(OpenAiServerOptions.TranslatorSection, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddKeyedSingleton<ICaptionTranslator>(OpenAiChatTranslator.EngineName, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<OpenAiServerOptions>>().Get(TranslatorKey);
            if (!options.IsConfigured)
            {
                throw new InvalidOperationException("Translator:OpenAi:BaseUrl is not set.");
            }

            var client = new OpenAI.Chat.ChatClient(options.Model ?? "gpt-4o-mini", new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "none" : options.ApiKey), new OpenAI.OpenAIClientOptions
            {
                Endpoint = options.BaseUri(),
                Transport = new HttpClientPipelineTransport(sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenAiServerOptions.TranslatorSection)),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 1), // the caption chain hands over to the next engine instead
            });
            return new OpenAiChatTranslator(client.AsIChatClient(), options);
        });
        services.AddSingleton<IEngineProbe>(sp => new EngineProbe(TranslatorKey, OpenAiChatTranslator.EngineName, cancellationToken =>
            ProbeModelsAsync(sp, sp.GetRequiredService<IOptionsMonitor<OpenAiServerOptions>>().Get(TranslatorKey), OpenAiServerOptions.TranslatorSection, cancellationToken)));
        return services;
    }

    /// <summary>An OpenAI-compatible server is up when <c>GET {BaseUrl}/models</c> answers with the configured key.</summary>
    private static async Task<EngineHealth> ProbeModelsAsync(IServiceProvider services, OpenAiServerOptions options, string section, CancellationToken cancellationToken)
    {
        if (!options.IsConfigured)
        {
            return EngineHealth.NotConfigured($"{section}:BaseUrl is not set");
        }

        using var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(section);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.BaseUri(), "models"));
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? EngineHealth.Ok($"model {options.Model}") : EngineHealth.Unavailable($"models endpoint answered {(int)response.StatusCode}");
    }
}
