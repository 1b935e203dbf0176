using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveAssist.Storage;

/// <summary>Files each capability keeps under <c>Storage:DataDirectory</c>, resolved the same way everywhere.</summary>
public static class DataFileServiceProviderExtensions
{
    public static string DataFilePath(this IServiceProvider services, string fileName)
    {
        ArgumentNullException.ThrowIfNull(services);
        return SqliteDatabase.PathFor(services.GetRequiredService<IOptions<StorageOptions>>(), services.GetRequiredService<IHostEnvironment>(), fileName);
    }

    /// <summary>The capability's own SQLite file in the data directory.</summary>
    public static SqliteDatabase OpenDataFile(this IServiceProvider services, string fileName)
    {
        ArgumentNullException.ThrowIfNull(services);
        var database = new SqliteDatabase(services.DataFilePath(fileName));
        services.GetService<DataFiles>()?.Add(fileName, database);
        return database;
    }
}
