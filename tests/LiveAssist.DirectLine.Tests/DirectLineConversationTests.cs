using LiveAssist.BotFramework.Schema;
using Microsoft.Extensions.Time.Testing;

namespace LiveAssist.DirectLine.Tests;

/// <summary>A conversation's log: every client sees each message once, in order, and a bounded log still shows the newest.</summary>
public sealed class DirectLineConversationTests
{
    private readonly FakeTimeProvider _time = new();

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    [Fact]
    public void ReadingFromAWatermark_GivesOnlyWhatCameAfterIt_InOrder()
    {
        var conversation = new DirectLineConversation("c1", 100, _time);
        conversation.Append(Message("hola"));
        conversation.Append(Message("¿precio?"));
        var (_, seen) = conversation.ReadAfter(0);
        conversation.Append(Message("1.85 USD"));

        var (activities, position) = conversation.ReadAfter(seen);

        Assert.Equal(2, seen);
        Assert.Equal("1.85 USD", Assert.Single(activities).Text);
        Assert.Equal(3, position);
        Assert.Empty(conversation.ReadAfter(position).Activities);
    }

    [Fact]
    public void Ids_CarryTheConversationAndPosition_AndOnlyGrow()
    {
        var conversation = new DirectLineConversation("c1", 100, _time);
        var ids = Enumerable.Range(1, 12).Select(i => conversation.Append(Message($"m{i}")).Id!).ToList();
        Assert.All(ids, id => Assert.StartsWith("c1|", id, StringComparison.Ordinal));
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void AFullLog_DropsTheOldest_ButPositionsKeepCounting()
    {
        var conversation = new DirectLineConversation("c1", 3, _time);
        for (var i = 1; i <= 5; i++)
        {
            conversation.Append(Message($"m{i}"));
        }

        var (activities, position) = conversation.ReadAfter(0);
        Assert.Equal(["m3", "m4", "m5"], activities.Select(a => a.Text));
        Assert.Equal(5, position);
        Assert.Equal(["m5"], conversation.ReadAfter(4).Activities.Select(a => a.Text));
    }

    [Fact]
    public void AByteBudget_KeepsTheNewestMessage_EvenWhenItAloneIsOverTheBudget()
    {
        var conversation = new DirectLineConversation("c1", 100, _time, maxBytes: 10);
        conversation.Append(Message("first message"));
        conversation.Append(Message(new string('x', 200)));
        var only = Assert.Single(conversation.ReadAfter(0).Activities);
        Assert.Equal(200, only.Text!.Length);
    }

    [Fact]
    public void AWatermarkFromTheFuture_ReplaysTheLog()
    {
        var conversation = new DirectLineConversation("c1", 100, _time);
        conversation.Append(Message("after restart"));
        Assert.Equal("after restart", Assert.Single(conversation.ReadAfter(99).Activities).Text);
    }

    [Fact]
    public void TypingIndicators_CanBeLeftOutOfAPoll()
    {
        var conversation = new DirectLineConversation("c1", 100, _time);
        conversation.Append(new Activity { Type = ActivityTypes.Typing });
        conversation.Append(Message("answer"));
        Assert.Equal(2, conversation.ReadAfter(0).Activities.Count);
        Assert.Equal("answer", Assert.Single(conversation.ReadAfter(0, includeTyping: false).Activities).Text);
    }

    [Fact]
    public void AnOpenStream_GetsTheBacklogThenEachNewMessage_WithNoGapAndNoRepeat()
    {
        var conversation = new DirectLineConversation("c1", 100, _time);
        conversation.Append(Message("before"));
        var (backlog, _, live, subscription) = conversation.Subscribe(0);
        conversation.Append(Message("after"));

        Assert.Equal("before", Assert.Single(backlog).Text);
        Assert.True(live.TryRead(out var next));
        Assert.Equal("after", next.Text);
        Assert.False(live.TryRead(out _));
        Assert.Equal(1, conversation.ListenerCount);
        subscription.Dispose();
        Assert.Equal(0, conversation.ListenerCount);
    }
}
