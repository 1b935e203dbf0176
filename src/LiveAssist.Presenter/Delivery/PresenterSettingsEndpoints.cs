using LiveAssist.Presenter.Models;
using LiveAssist.Presenter.Scripts;
using LiveAssist.Presenter.Synthesis;
using LiveAssist.Presenter.Synthesis.Espeak;
using LiveAssist.Sessions;
using LiveAssist.Sessions.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveAssist.Presenter.Delivery;

/// <summary>
/// The studio's presenter settings per live (look, framing, uploaded model, voice per language), the voices it can
/// offer, the preview button, and the uploaded models themselves. Reading the settings is public (the OBS page needs
/// them); changing them takes the live's host key or its merchant's sign-in.
/// </summary>
public static class PresenterSettingsEndpoints
{
    public static IEndpointRouteBuilder MapPresenterSettings(this IEndpointRouteBuilder endpoints, SessionRoutes routes, string? rateLimitPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(routes);
        routes.Public.MapGroup("/presenter").MapGet("/", GetAsync);
        var host = routes.Host.MapGroup("/presenter");
        host.MapPut("/", PutAsync);
        host.MapPost("/model", UploadAsync);
        var presenter = endpoints.MapGroup("/api/presenter").DisableAntiforgery();
        presenter.MapGet("/voices", VoicesAsync);
        var preview = presenter.MapPost("/voices/preview", PreviewAsync).RequireAuthorization(StudioPolicies.Merchant);
        var media = endpoints.MapGet(AvatarModelStore.UrlPrefix + "{file}", Model);
        if (rateLimitPolicy is not null)
        {
            preview.RequireRateLimiting(rateLimitPolicy);
            media.RequireRateLimiting(rateLimitPolicy);
        }

        return endpoints;
    }

    /// <summary>What the settings look like to the studio and the avatar page.</summary>
    public sealed record SettingsView(string Look, string Framing, PresenterModelView? Model, string AvatarCharacter, string AvatarStyle,
        IReadOnlyDictionary<string, PresenterVoiceChoice> Voices, bool AzureVoices, bool AzureAvatar);

    public sealed record PresenterModelView(string Url, string Name, string Kind, long Bytes, IReadOnlyList<string> Expressions);

    public sealed record SettingsRequest(string? Look, string? Framing, string? AvatarCharacter, string? AvatarStyle, Dictionary<string, PresenterVoiceChoice>? Voices);

    public sealed record PreviewRequest(string? Lang, string? Engine, string? Espeak, string? Azure, double? Rate, int? Pitch);

    private static async Task<IResult> GetAsync(string id, ISessionStore sessions, ICloudVoices azure, CancellationToken cancellationToken)
        => await sessions.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } session
            ? Results.Json(View(session.Presenter ?? new PresenterSettings(), azure))
            : Problem(404, "找不到这场直播 Unknown session", "没有这个编号的直播。There is no live session with this id.");

    private static async Task<IResult> PutAsync(SettingsRequest? body, AuthorizedSession host, LiveSessionEditor editor, ICloudVoices azure, CancellationToken cancellationToken)
    {
        // Checked and applied to the live as stored now, under its gate: a product change made meanwhile is kept.
        IResult? refusal = null;
        var session = await editor.UpdateAsync(host.Session.Id, live =>
        {
            var settings = live.Presenter ?? new PresenterSettings();
            refusal = Apply(body, live, settings, azure);
            if (refusal is not null)
            {
                return false;
            }

            live.Presenter = settings;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        return session is null
            ? Problem(404, "找不到这场直播 Unknown session", "没有这个编号的直播。There is no live session with this id.")
            : Results.Json(View(session.Presenter!, azure));
    }

    private static IResult? Apply(SettingsRequest? body, LiveSession session, PresenterSettings settings, ICloudVoices azure)
    {
        if (body?.Look is { } look)
        {
            if (!PresenterSettings.Looks.Contains(look))
            {
                return Problem(400, "形象不对 Unknown look", $"形象只能是 {string.Join(" / ", PresenterSettings.Looks)}。Look is one of {string.Join(", ", PresenterSettings.Looks)}.");
            }

            if (look == PresenterSettings.Model && settings.ModelFile is null)
            {
                return Problem(400, "还没有上传模型 No model", "请先上传 VRM 或 GLB 模型，再选择“自己的模型”。Upload a VRM or GLB model first.");
            }

            if (look == PresenterSettings.AzureAvatar && !azure.IsConfigured)
            {
                return Problem(400, "没有配置 Azure 语音 Azure Speech not configured", "Azure 真人形象需要先在引擎设置里配置 Azure 语音（Tts:Azure）。The Azure avatar needs Tts:Azure.");
            }

            settings.Look = look;
        }

        if (body?.Framing is { } framing)
        {
            if (!PresenterSettings.Framings.Contains(framing))
            {
                return Problem(400, "取景不对 Unknown framing", "取景只能是 head（头部）、bust（半身）或 half（到腰）。Framing is head, bust or half.");
            }

            settings.Framing = framing;
        }

        if (body?.AvatarCharacter is { Length: > 0 and <= 40 } character && character.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            settings.AvatarCharacter = character;
        }

        if (body?.AvatarStyle is { Length: > 0 and <= 40 } style && style.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            settings.AvatarStyle = style;
        }

        if (body?.Voices is { } voices)
        {
            var languages = session.CaptionLanguages();
            var chosen = new Dictionary<string, PresenterVoiceChoice>(StringComparer.OrdinalIgnoreCase);
            foreach (var (lang, choice) in voices)
            {
                if (!languages.Contains(lang, StringComparer.OrdinalIgnoreCase) || choice is null)
                {
                    return Problem(400, "语言不对 Unknown language", $"这场直播的字幕语言是：{string.Join(", ", languages)}。This live captions in: {string.Join(", ", languages)}.");
                }

                if (Refusal(lang, choice) is { } refusal)
                {
                    return refusal;
                }

                chosen[lang.ToLowerInvariant()] = choice with { Espeak = Empty(choice.Espeak), Azure = Empty(choice.Azure) };
            }

            settings.Voices = chosen;
        }

        return null;
    }

    // A model is the request body itself (what fetch(file) sends), its file name in ?name=.
    private static async Task<IResult> UploadAsync(AuthorizedSession host, HttpRequest request, LiveSessionEditor editor, AvatarModelStore models, IOptions<PresenterOptions> options,
        ICloudVoices azure, CancellationToken cancellationToken)
    {
        var session = host.Session;

        var max = (long)Math.Max(1, options.Value.MaxModelMegabytes) * 1024 * 1024;
        if (request.ContentLength > max)
        {
            return Problem(413, "模型太大 Model too large", $"模型文件最多 {max / 1048576} MB。A model is at most {max / 1048576} MB.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return Problem(413, "模型太大 Model too large", $"模型文件最多 {max / 1048576} MB。A model is at most {max / 1048576} MB.");
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        var (model, refusal) = await models.SaveAsync(buffer.ToArray(), request.Query["name"], max, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return Problem(400, "模型不能用 Model refused", refusal);
        }

        var saved = await editor.UpdateAsync(session.Id, live =>
        {
            var settings = live.Presenter ?? new PresenterSettings();
            settings.ModelFile = model;
            settings.Look = PresenterSettings.Model;
            live.Presenter = settings;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return saved is null
            ? Problem(404, "找不到这场直播 Unknown session", "没有这个编号的直播。There is no live session with this id.")
            : Results.Json(View(saved.Presenter!, azure));
    }

    private static IResult Model(string file, AvatarModelStore models)
    {
        var path = file.EndsWith(".glb", StringComparison.Ordinal) ? models.PathOf(file[..^4]) : null;
        return path is not null && File.Exists(path)
            ? Results.File(path, "model/gltf-binary", enableRangeProcessing: true)
            : Results.NotFound();
    }

    private static async Task<IResult> VoicesAsync(HttpRequest request, ICloudVoices azure, IServiceProvider services, CancellationToken cancellationToken)
    {
        var lang = (request.Query["lang"].ToString() is { Length: > 0 and <= 16 } given ? given : "en").ToLowerInvariant();
        var azureVoices = azure.IsConfigured
            ? (await azure.ForLanguageAsync(lang, cancellationToken).ConfigureAwait(false)).Select(v => new { id = v.Id, name = v.Name, gender = v.Gender, locale = v.Locale }).ToList()
            : [];
        return Results.Json(new
        {
            lang,
            defaultEspeak = PresenterVoices.Espeak(lang, services.GetRequiredService<IOptions<PresenterOptions>>().Value.EspeakVoices),
            defaultAzure = azure.DefaultVoice(lang),
            espeak = VoiceCatalog.EspeakVoices(lang),
            variants = VoiceCatalog.Variants,
            azure = azureVoices,
            azureConfigured = azure.IsConfigured,
            sample = VoiceCatalog.Sample(lang),
        });
    }

    private static async Task<IResult> PreviewAsync(PreviewRequest? body, IServiceProvider services, ICloudVoices azure, CancellationToken cancellationToken)
    {
        var lang = body?.Lang is { Length: > 0 and <= 16 } l ? l.ToLowerInvariant() : "en";
        var choice = new PresenterVoiceChoice(Empty(body?.Espeak), Empty(body?.Azure), body?.Rate ?? 1.0, body?.Pitch ?? 0);
        if (Refusal(lang, choice) is { } refusal)
        {
            return refusal;
        }

        var name = body?.Engine == azure.Name ? azure.Name : EspeakSpeechEngine.EngineName;
        var text = VoiceCatalog.Sample(lang);
        var script = new LineScript("preview", 0, lang, text, [new ScriptSegment(text)], 0, choice.Rate, choice.Espeak, choice.Azure, choice.Pitch);
        try
        {
            var engine = services.GetRequiredKeyedService<ITextToSpeechEngine>(name);
            var speech = await engine.SynthesizeAsync(new SynthesisRequest(script, null), cancellationToken).ConfigureAwait(false);
            return Results.File(speech.Audio, speech.ContentType);
        }
        catch (Exception e) when (e is SpeechEngineException or HttpRequestException or IOException)
        {
            return Problem(502, "试听失败 Preview failed", $"{(name == azure.Name ? "Azure 语音" : "espeak-ng")} 没能合成试听：{e.Message}");
        }
    }

    private static IResult? Refusal(string lang, PresenterVoiceChoice choice)
    {
        if (choice.Espeak is { Length: > 0 } espeak && !VoiceCatalog.IsOffered(lang, espeak))
        {
            return Problem(400, "声音不对 Unknown voice", $"espeak-ng 没有给 {lang} 的声音“{(espeak.Length > 40 ? espeak[..40] : espeak)}”。Not an espeak-ng voice offered for {lang}.");
        }

        if (choice.Azure is { Length: > 0 } azure && (azure.Length > 80 || !azure.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == ':')))
        {
            return Problem(400, "声音不对 Unknown voice", "Azure 声音名称不对（例如 en-US-AvaMultilingualNeural）。Not an Azure voice name.");
        }

        if (choice.Rate is < PresenterVoiceChoice.MinRate or > PresenterVoiceChoice.MaxRate || double.IsNaN(choice.Rate))
        {
            return Problem(400, "语速不对 Rate out of range", $"语速在 {PresenterVoiceChoice.MinRate} 到 {PresenterVoiceChoice.MaxRate} 之间（1 是正常速度）。Rate is {PresenterVoiceChoice.MinRate} to {PresenterVoiceChoice.MaxRate}.");
        }

        return Math.Abs(choice.Pitch) > PresenterVoiceChoice.MaxPitch
            ? Problem(400, "音调不对 Pitch out of range", $"音调在 −{PresenterVoiceChoice.MaxPitch}% 到 +{PresenterVoiceChoice.MaxPitch}% 之间。Pitch is −{PresenterVoiceChoice.MaxPitch}% to +{PresenterVoiceChoice.MaxPitch}%.")
            : null;
    }

    private static SettingsView View(PresenterSettings settings, ICloudVoices azure)
        => new(settings.Look, settings.Framing,
            settings.ModelFile is { } m ? new PresenterModelView(m.Url, m.Name, m.Kind, m.Bytes, m.Expressions) : null,
            settings.AvatarCharacter, settings.AvatarStyle, settings.Voices, azure.IsConfigured, azure.IsConfigured);

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);
}
