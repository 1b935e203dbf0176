using LiveAssist.BuyerQa.Leads;
using LiveAssist.Host.IntegrationTests.BuyerQa;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Host.IntegrationTests.Security;

/// <summary>Issue 15 finding 4: one buyer conversation cannot flood the merchant with turns, handoffs or leads.</summary>
public sealed class BuyerFloodTests
{
    [Fact]
    public async Task OneConversation_FloodOfQuestions_TurnsAndHandoffsBounded()
    {
        await using var host = QaHost.Start();
        var (session, key) = await host.CreateSessionAsync("YW-100234");

        var answered = 0;
        for (var i = 0; i < 40; i++)
        {
            answered += (await host.AskAsync($"what are your payment terms for order {i}?", "en", session, conversation: "flood")).Count > 0 ? 1 : 0;
        }

        var queued = (await host.QuestionsAsync(session, key)).Count(q => q.GetProperty("question").GetString()!.Contains("payment terms", StringComparison.Ordinal));
        var other = await host.AskAsync("can I talk to the seller?", "en", session, conversation: "someone-else");

        Assert.InRange(answered, 1, 15); // a burst of 10, then a few as the bucket refills
        Assert.InRange(queued, 1, 5);
        Assert.NotEmpty(other); // another buyer is answered as usual
    }

    [Fact]
    public async Task OneConversation_SameQuestionTwice_QueuedOnce()
    {
        await using var host = QaHost.Start();
        var (session, key) = await host.CreateSessionAsync("YW-100234");

        await host.AskAsync("can I talk to the seller?", "en", session, conversation: "twice");
        await host.AskAsync("can I talk to the seller?", "en", session, conversation: "twice");

        var queue = await host.QuestionsAsync(session, key);
        Assert.Single(queue, q => q.GetProperty("question").GetString() == "can I talk to the seller?");
    }

    [Fact]
    public async Task Leads_RepeatedAndPastTheBudget_KeptOnceAndBounded()
    {
        await using var host = QaHost.Start();
        var (session, _) = await host.CreateSessionAsync("YW-100234");
        var leads = host.Factory.Services.GetRequiredService<LeadStore>();
        Lead Request(int quantity, string conversation) => new(LeadStore.NewId(), session, DateTimeOffset.UtcNow, "YW-100234", "Flask", quantity, 1.85m,
            1.85m * quantity, "USD", "DE", "en", "webchat", conversation, "ada@example.com", "quote please");

        await leads.AddAsync(Request(500, "c-1"), CancellationToken.None);
        await leads.AddAsync(Request(500, "c-1"), CancellationToken.None);
        for (var i = 0; i < 30; i++)
        {
            await leads.AddAsync(Request(1000 + i, "c-2"), CancellationToken.None);
        }

        var kept = await leads.ListAsync(session, CancellationToken.None);
        Assert.Single(kept, l => l.ConversationId == "c-1");
        Assert.Equal(10, kept.Count(l => l.ConversationId == "c-2"));
    }
}
