using System.Security.Claims;
using LiveAssist.EngineChains.Health;
using LiveAssist.Operator;
using LiveAssist.Operator.History;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace LiveAssist.Engines.Settings;

/// <summary>
/// <c>/operator/api/engines</c> (editors): the engine settings with secrets shown only as hints, their health,
/// saving (validated as a whole, encrypted on disk) and a test call per engine. No answer ever carries a secret.
/// Mapped here, beside the settings they edit, so the operator capability does not reference the vendor adapters;
/// they stand behind the operator's write policy and are audited in its content history.
/// </summary>
public static class EngineSettingsEndpoints
{
    public static IEndpointRouteBuilder MapEngineSettings(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/operator/api/engines").RequireAuthorization(OperatorRoles.WritePolicy);
        group.MapGet("", GetAsync);
        group.MapPut("", SaveAsync);
        group.MapPost("/test", TestAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(IConfiguration configuration, EngineStatus status, CancellationToken cancellationToken)
    {
        if (EngineSettingsStore.From(configuration) is not { } store)
        {
            return NotAvailable();
        }

        var health = await status.ReportAsync(cancellationToken).ConfigureAwait(false);
        return Results.Ok(View(store, EngineSettingsStore.InForce(configuration), health));
    }

    private static async Task<IResult> SaveAsync(EngineSettingsUpdate? update, IConfiguration configuration, EngineStatus status, ContentHistory history, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (EngineSettingsStore.From(configuration) is not { } store)
        {
            return NotAvailable();
        }

        if (update is null)
        {
            return Results.Problem(statusCode: 400, title: "没有收到设置", detail: "请求里没有设置内容。The request has no settings.");
        }

        var problems = store.Save(update, EngineSettingsStore.InForce(configuration));
        var author = user.Identity?.Name ?? "?";
        await history.AuditAsync(author, problems.Count == 0 ? "engine settings saved" : "engine settings refused", null,
            string.Join("; ", problems.Select(p => p.Field).Take(5)), cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return Results.Json(new { title = "未保存：有些设置不对", status = 400, problems }, statusCode: 400, contentType: "application/problem+json");
        }

        return Results.Ok(View(store, EngineSettingsStore.InForce(configuration), await status.ReportAsync(cancellationToken).ConfigureAwait(false)));
    }

    private static async Task<IResult> TestAsync(EngineTestRequest? request, IConfiguration configuration, EngineTester tester, CancellationToken cancellationToken)
    {
        var inForce = EngineSettingsStore.InForce(configuration);
        var (merged, problems) = EngineSettingsValidator.Merge(inForce, new EngineSettingsUpdate
        {
            AzureTranslator = request?.AzureTranslator,
            AzureSpeech = request?.AzureSpeech,
            OpenAi = request?.OpenAi,
        });
        if (problems.Count > 0)
        {
            return Results.Json(new { title = "无法测试：有些设置不对", status = 400, problems }, statusCode: 400, contentType: "application/problem+json");
        }

        EngineTestResult? result = request?.Engine switch
        {
            "azure-translator" when string.IsNullOrEmpty(merged.AzureTranslator.Key) => new(false, "还没有 Azure 翻译的密钥：请先填写。", null, 0),
            "azure-translator" => await tester.AzureTranslatorAsync(merged.AzureTranslator, cancellationToken).ConfigureAwait(false),
            "azure-speech" when string.IsNullOrEmpty(merged.AzureSpeech.Key) => new(false, "还没有 Azure 语音的密钥：请先填写。", null, 0),
            "azure-speech" when string.IsNullOrEmpty(merged.AzureSpeech.Region) && string.IsNullOrEmpty(merged.AzureSpeech.Endpoint) => new(false, "请填写 Azure 语音的区域（如 eastasia、chinaeast2）或终结点。", null, 0),
            "azure-speech" => await tester.AzureSpeechAsync(merged.AzureSpeech, cancellationToken).ConfigureAwait(false),
            "openai" when string.IsNullOrEmpty(merged.OpenAi.BaseUrl) => new(false, "请先填写大模型服务器地址（如 http://127.0.0.1:11434/v1）。", null, 0),
            "openai" => await tester.OpenAiAsync(merged.OpenAi, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
        return result is null
            ? Results.Problem(statusCode: 400, title: "不知道要测试哪个引擎", detail: "engine 应为 azure-translator、azure-speech 或 openai。")
            : Results.Ok(result);
    }

    private static object View(EngineSettingsStore store, EngineSettings inForce, IReadOnlyList<EngineReport> health) => new
    {
        saved = store.HasSaved,
        restartNeeded = store.RestartNeeded,
        translatorEngines = inForce.TranslatorEngines,
        speechEngines = inForce.SpeechEngines,
        azureTranslator = new { keyHint = EngineSettingsStore.Hint(inForce.AzureTranslator.Key), inForce.AzureTranslator.Region, inForce.AzureTranslator.Endpoint },
        azureSpeech = new { keyHint = EngineSettingsStore.Hint(inForce.AzureSpeech.Key), inForce.AzureSpeech.Region, inForce.AzureSpeech.Endpoint },
        openAi = new { inForce.OpenAi.BaseUrl, inForce.OpenAi.Model, apiKeyHint = EngineSettingsStore.Hint(inForce.OpenAi.ApiKey) },
        health,
    };

    private static IResult NotAvailable()
        => Results.Problem(statusCode: 503, title: "引擎设置不可用", detail: "这台服务没有加载引擎设置层（AddEngineSettings）。Engine settings are not wired into configuration.");
}

/// <summary>Which engine to test (<c>azure-translator</c>, <c>azure-speech</c>, <c>openai</c>) with the values on the page.</summary>
public sealed record EngineTestRequest(string? Engine, AzureResourceUpdate? AzureTranslator, AzureResourceUpdate? AzureSpeech, OpenAiUpdate? OpenAi);
