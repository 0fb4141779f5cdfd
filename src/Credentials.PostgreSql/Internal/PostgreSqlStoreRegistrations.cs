using System.Collections.Generic;
using System.Linq;

namespace Credentials.PostgreSql;

/// <summary>The (connection string, schema) pairs registered in a container, for the start-up log line.</summary>
internal sealed class PostgreSqlStoreRegistrations
{
    private readonly HashSet<(string ConnectionString, string Schema)> _items = [];
    private readonly System.Threading.Lock _lock = new();

    public void Add(string connectionString, string schema)
    {
        lock (_lock)
        {
            _items.Add((connectionString, schema));
        }
    }

    public IReadOnlyList<(string ConnectionString, string Schema)> Snapshot()
    {
        lock (_lock)
        {
            return _items.ToList();
        }
    }
}
