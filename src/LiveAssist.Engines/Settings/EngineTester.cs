using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using LiveAssist.Engines.Azure.Speech;
using LiveAssist.Engines.Azure.Translator;

namespace LiveAssist.Engines.Settings;

/// <summary>The outcome of one test call, told in Chinese for the operator (and the HTTP status, when there was one).</summary>
public sealed record EngineTestResult(bool Ok, string Message, int? Status, long ElapsedMs);

/// <summary>
/// "Test" on the settings page: one real call to the engine with the values on the page (a secret not typed
/// again is the saved one), bounded by a short timeout, and what happened in words an operator can act on.
/// </summary>
public sealed class EngineTester(IHttpClientFactory clients, TimeProvider time)
{
    public const string HttpClientName = "engine-settings-test";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);
    private const string Sample = "这款保温杯五百个起批。";

    public Task<EngineTestResult> AzureTranslatorAsync(AzureResourceSettings resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var options = new AzureTranslatorOptions { Endpoint = resource.Endpoint ?? new AzureTranslatorOptions().Endpoint };
        return RunAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUri(), "translate?api-version=3.0&from=zh-Hans&to=en"))
            {
                Content = new StringContent(JsonSerializer.Serialize(new[] { new { Text = Sample } }), Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Ocp-Apim-Subscription-Key", resource.Key);
            if (!string.IsNullOrEmpty(resource.Region) && resource.Region != "global")
            {
                request.Headers.TryAddWithoutValidation("Ocp-Apim-Subscription-Region", resource.Region);
            }

            return request;
        }, async (response, ct) =>
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
            var english = json.RootElement[0].GetProperty("translations")[0].GetProperty("text").GetString();
            return $"连接成功：“{Sample}”译为 “{english}”。";
        }, cancellationToken);
    }

    public Task<EngineTestResult> AzureSpeechAsync(AzureResourceSettings resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var options = new AzureSpeechOptions { Key = resource.Key, Region = resource.Region, TokenEndpoint = resource.Endpoint };
        return RunAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, options.IssueTokenUri()) { Content = new StringContent(string.Empty) };
            request.Headers.TryAddWithoutValidation("Ocp-Apim-Subscription-Key", resource.Key);
            return request;
        }, (_, _) => Task.FromResult("连接成功：语音服务接受了密钥并签发了令牌。"), cancellationToken);
    }

    public Task<EngineTestResult> OpenAiAsync(OpenAiSettings server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        return RunAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUrl!.TrimEnd('/') + "/models"));
            if (!string.IsNullOrEmpty(server.ApiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);
            }

            return request;
        }, async (response, ct) =>
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
            var models = json.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                ? [.. data.EnumerateArray().Select(m => m.TryGetProperty("id", out var id) ? id.GetString() : null).OfType<string>()]
                : new List<string>();
            return models.Contains(server.Model ?? string.Empty, StringComparer.OrdinalIgnoreCase) || models.Count == 0
                ? $"连接成功：服务器可用，模型 {server.Model}。"
                : throw new ModelMissingException($"服务器可以连接，但没有模型 “{server.Model}”。可用的模型：{string.Join("、", models.Take(8))}。");
        }, cancellationToken);
    }

    private async Task<EngineTestResult> RunAsync(Func<HttpRequestMessage> build, Func<HttpResponseMessage, CancellationToken, Task<string>> success, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var request = build();
        var host = request.RequestUri!.Authority;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var http = clients.CreateClient(HttpClientName);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Result(false, ForStatus(response), (int)response.StatusCode);
            }

            try
            {
                return Result(true, await success(response, timeout.Token).ConfigureAwait(false), (int)response.StatusCode);
            }
            catch (ModelMissingException e)
            {
                return Result(false, e.Message, (int)response.StatusCode);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
            {
                return Result(false, $"{host} 有回应，但不像这种服务的回答（{(int)response.StatusCode}）。请检查地址是否填对。", (int)response.StatusCode);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Result(false, $"连接 {host} 超时：{Timeout.TotalSeconds:0} 秒内没有回应。请检查网络、防火墙或代理；在中国大陆请用 Azure 中国区（*.azure.cn）的终结点。", null);
        }
        catch (HttpRequestException e)
        {
            return Result(false, ForNetwork(e, host), null);
        }

        EngineTestResult Result(bool ok, string message, int? status)
            => new(ok, message, status, (long)time.GetElapsedTime(started).TotalMilliseconds);
    }

    private static string ForStatus(HttpResponseMessage response) => (int)response.StatusCode switch
    {
        401 or 403 => $"密钥被拒绝（{(int)response.StatusCode}）：密钥错误、已失效，或与区域不一致。请从 Azure 门户或服务商后台重新复制密钥，并确认区域。",
        404 => "地址不对（404）：服务器上没有这个接口。请检查终结点地址（OpenAI 兼容服务一般以 /v1 结尾）。",
        429 => "请求太多或额度已用完（429）" + (response.Headers.RetryAfter?.Delta is { } wait ? $"，请在 {wait.TotalSeconds:0} 秒后再试" : "，请稍后再试") + "。",
        >= 500 => $"服务暂时出错（{(int)response.StatusCode}），请稍后再试。",
        var other => $"服务返回了 {other}，未能完成测试。",
    };

    private static string ForNetwork(HttpRequestException e, string host)
    {
        var socket = e.InnerException as SocketException ?? e.GetBaseException() as SocketException;
        return socket?.SocketErrorCode switch
        {
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => $"找不到服务器 {host}（域名解析失败）。请检查地址或区域是否写对，以及这台电脑能否上网。",
            SocketError.ConnectionRefused => $"无法连接 {host}：连接被拒绝。这个地址和端口上没有服务在运行（本地模型服务是否已启动？）。",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"无法连接 {host}：网络不通。",
            _ when e.GetBaseException() is AuthenticationException => $"与 {host} 建立安全连接（TLS）失败：证书不受信任或地址不对。",
            _ when e.HttpRequestError == HttpRequestError.NameResolutionError => $"找不到服务器 {host}（域名解析失败）。请检查地址或区域是否写对，以及这台电脑能否上网。",
            _ => $"无法连接 {host}：{e.GetBaseException().Message}",
        };
    }

    private sealed class ModelMissingException(string message) : Exception(message);
}
