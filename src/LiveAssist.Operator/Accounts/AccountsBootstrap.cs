using Microsoft.Extensions.Hosting;

namespace LiveAssist.Operator.Accounts;

/// <summary>
/// Builds the account list at start, so that with no accounts configured the first start creates one and logs
/// where its password file is, instead of waiting for the first (failed) sign-in.
/// </summary>
internal sealed class AccountsBootstrap(OperatorAccounts accounts) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(accounts); // constructing it is the work
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
