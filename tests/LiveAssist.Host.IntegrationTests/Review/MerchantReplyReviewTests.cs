using System.Net;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.BuyerQa;
using LiveAssist.Host.IntegrationTests.DirectLine;

namespace LiveAssist.Host.IntegrationTests.Review;

/// <summary>The merchant's reply to a buyer is a claim too: previewed with its findings, sent without a blocked clause, refused when nothing is left.</summary>
public sealed class MerchantReplyReviewTests
{
    [Fact]
    public async Task ReplyClaimingACertificateTheProductLacks_PreviewShowsTheFinding_AndTheBuyerNeverGetsTheClaim()
    {
        await using var host = QaHost.Start();
        var (session, key) = await host.CreateSessionAsync("YW-100234");
        var dl = new DirectLineClient(host.Client);
        var credentials = await dl.ChatTokenAsync("es");
        var token = credentials.GetProperty("token").GetString()!;
        var conversation = (await dl.StartAsync(token)).GetProperty("conversationId").GetString()!;
        await dl.PostMessageAsync(token, conversation, "¿Aceptan PayPal?", credentials.GetProperty("userId").GetString()!, "es-ES", session);
        var question = Assert.Single(await host.QuestionsAsync(session, key));
        var path = $"/api/sessions/{session}/questions/{question.GetProperty("id").GetString()}/reply";

        var (status, preview) = await PostAsync(host, path + "/preview", key, "欢迎来义乌，这款有CE认证。");
        Assert.Equal(HttpStatusCode.OK, status);
        var finding = Assert.Single(preview.GetProperty("review").GetProperty("findings").EnumerateArray());
        Assert.Equal("catalog-certification", finding.GetProperty("rule").GetString());
        Assert.Equal("欢迎来义乌。", preview.GetProperty("review").GetProperty("carried").GetString());
        Assert.DoesNotContain("CE", preview.GetProperty("sent").GetString()!, StringComparison.Ordinal);

        var (refused, body) = await PostAsync(host, path, key, "全网最低价！");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Contains("cn-absolute", body.GetRawText(), StringComparison.Ordinal);

        var (sentStatus, sent) = await PostAsync(host, path, key, "欢迎来义乌，这款有CE认证。");
        Assert.Equal(HttpStatusCode.OK, sentStatus);
        Assert.DoesNotContain("CE", sent.GetProperty("sent").GetString()!, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode, JsonElement)> PostAsync(QaHost host, string path, string key, string text)
    {
        using var response = await host.HostSendAsync(HttpMethod.Post, path, key, new { text });
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }
}
