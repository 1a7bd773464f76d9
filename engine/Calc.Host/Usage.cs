namespace Calc.Host;

internal static class Usage
{
    public const string Text = """
        calc — stream calculation engine for industrial IoT and energy data

        Usage: calc <command> [arguments]

          run JOB.json --input POINTS.ndjson --output OUT.ndjson [--rejected REJ.ndjson] [--assets ASSETS.json]
                              run a job over a file of point records ('-' = stdin/stdout)
          run JOB.json --bootstrap-servers HOST:PORT [--input-topic T] [--output-topic T] [--group G]
                       [--idle-exit 10s] [--assets ASSETS.json] [--checkpoint-dir DIR] [--accept-empty-state] [--repartition-topic T]
                              run a job on Kafka until stopped (Ctrl-C drains and commits), or until idle;
                              a partition with committed offsets but no checkpoint is refused unless
                              --accept-empty-state (start it there with empty state)
              … [--state [redis://HOST:PORT]] [--inactivity-timeout 5m | MODEL=5m,…]
                              also keep latest values, connection status and site roll-ups in Garnet
                              (embedded in DATA/garnet by default); on Kafka, checkpoints go there too
              … --input … --tsdb [URL] [--tsdb-timeout 60s]
                              file runs: also write the outputs to a TSDB (embedded DATA/tsdb.db,
                              sqlite:PATH, or http://HOST:PORT for VictoriaMetrics/InfluxDB)
              … --trace ASSET[:POINT] [--trace-from T] [--trace-to T] [--trace-out FILE]
                              print each step's verdict on one asset's records (a point: model::P)
                              on stderr; --trace-out also writes them as NDJSON (docs/debugging.md)
          replay JOB.json --from TIME [--to TIME] [--bootstrap-servers HOST:PORT] [--group G] [--idle-exit D] …
                              recompute a Kafka job from TIME: state restarts empty at the start of the day
                              containing TIME, every partition is read again from there and the outputs
                              (upserts) overwrite the old ones; --to stops once every partition is past it
                              (docs/replay.md). Stop the job's 'calc run' first.
          explain JOB.json --input POINTS.ndjson --asset A --point model::P --time T [--json]
                              why one output has its value, or none: the step that writes it, the input
                              records of its window or bucket and what each step did with them
          produce FILE|- --topic T [--bootstrap-servers HOST:PORT] [--rate N] [--rejected FILE]
                              NDJSON point records into a topic, keyed by assetId, each line checked
                              (rejected lines with their reason in FILE.rejected.ndjson); --rate paces it
          produce --from-tsdb DIR|FILE --points MODEL::POINT,… [--from T] [--to T] [--org O] [--assets A,…] --topic T
                              points stored in the embedded TSDB back into a topic, keyed by assetId, in time
                              order (backfill beyond the topic's retention: docs/replay.md)
          sink tsdb --bootstrap-servers HOST:PORT --topic T [--group G] [--tsdb URL] [--points P,…] [--idle-exit D]
                              write an output topic into a TSDB; offsets committed after the database acknowledged
          check JOB.json      validate a job without running it (every problem with its JSON path)
          broker [--port-file FILE] [--topics NAME:PARTITIONS,...]
                              start an embedded Kafka broker on 127.0.0.1 and print its address
                              (it keeps ~5 MB per partition: create big topics with enough partitions)
          demo [--days N] [--inverters N] [--turbines N] [--speed X | --fast] [--tsdb URL]
                              stream a simulated PV and wind fleet through the demo jobs on an embedded broker
          query --asset A --point P [--from T] [--to T] [--every 1h --agg avg] [--format table|json|csv] [--db PATH]
                              read results back from the embedded time-series store (DATA/tsdb.db)
          state get --job ID [--asset A] [--point P] [--state URL]
          state delete --job ID [--state URL]
                              inspect or reset a job's checkpointed state in Garnet (refused while the job runs)
          plugin list         installed plugins: id, version, SDK, state, operators, folder, problems
          plugin validate PATH
                              check a plugin folder before installing it (manifest, SDK, load, registration)
          pack install PATH|ZIP [--force]
                              install a template pack (plugin folder or zip) into DATA/packs after checking
                              its manifest and SDK version; a newer version upgrades
          pack list           installed packs (the built-in pack included)
          pack remove ID [--version V]
                              remove a pack; refused while a stored job uses it
          job save JOB.json   validate and store a job (a new version if it changed)
          job list | job show ID [--version N] | job remove ID
                              stored jobs
          asset import FILE [--org ORG]
                              import assets from JSON or CSV (assetId,modelId,<attribute>...) into the store
          asset list [--model M] [--org ORG]
          model import FILE | model list
                              models and their point types (double, long, bool, string); outputs are coerced
          serve [--bootstrap-servers HOST:PORT] [--listen 127.0.0.1:8080] [--group-prefix P]
                [--tsdb [URL] [--tsdb-topic T] [--tsdb-points P,...]]
                [--state [redis://HOST:PORT]] [--inactivity-timeout 5m | MODEL=5m,…]
                [--insecure-local] [--ready-tsdb-behind 60s] [--stop-timeout 10s] [--stall-timeout 60s]
                [--isolation none|untrusted|all] [--worker-memory 1GB]
                              the engine service: runs the stored jobs on Kafka (an embedded broker without
                              servers) and serves the REST API (/health/ready, /metrics, /jobs, /test, /audit: docs/serve.md);
                              with --tsdb it also writes the output topic into the TSDB; with --state every
                              job keeps device state in Garnet as calc run --state does
                              --isolation untrusted runs each job with a C# script or an installed plugin in
                              a worker process of its own (all: every job), killed and restarted alone
                              every request needs a token (Authorization: Bearer …) unless --insecure-local
          token create --org ORG --role viewer|engineer|admin [--name N] [--expires 30d]
          token list | token revoke ID|NAME
                              API tokens of calc serve (shown once, stored hashed)
          jobs list | get ID | put JOB.json | start|stop|restart|remove ID | versions ID | rollback ID --version N
                              a client of a running calc serve (--url or serve.url / CALC_SERVE_URL, --token or CALC_TOKEN)
          config show | check [--config PATH]
                              the effective settings (calc.json, CALC_ variables) with where each came from,
                              secrets masked; check lists every problem with its key (docs/configuration.md)
          help                this text

        Exit codes: 0 success, 2 invalid job or arguments, 1 runtime failure.
        Docs: docs/ in the source tree (job reference: docs/jobs.md; plugins: docs/plugin-guide.md).
        Every command reads the settings from --config PATH, CALC_CONFIG or DATA/calc.json, with CALC_
        variables over them (CALC_KAFKA__BOOTSTRAP_SERVERS, CALC_KAFKA__CLIENT__SASL_PASSWORD, …); flags win.
        Plugins load from plugins/ next to the program, DATA/packs and the pluginRoots setting (CALC_PLUGIN_ROOTS).
        DATA is the dataDir setting (CALC_DATA_DIR) or ./.calc; the metadata store is DATA/metadata.db. Without --assets,
        calc run reads asset attributes from the store (docs/metadata.md).

        """;

    /// <summary>The lines of <see cref="Text"/> about one command (what <c>calc COMMAND --help</c> prints), or null for an unknown one.</summary>
    public static string? For(string command)
    {
        var lines = Text.Split('\n');
        var picked = new List<string>();
        var inside = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith("   ", StringComparison.Ordinal))
            {
                inside = line.AsSpan(2).StartsWith(command + " ", StringComparison.Ordinal) || line.AsSpan(2).TrimEnd().SequenceEqual(command);
            }
            else if (!line.StartsWith("   ", StringComparison.Ordinal))
            {
                inside = false;
            }

            if (inside)
            {
                picked.Add(line);
            }
        }

        return picked.Count == 0 ? null : "Usage: calc " + command + " …\n" + string.Join('\n', picked) + "\nExit codes: 0 success, 2 invalid job or arguments, 1 runtime failure.\n";
    }
}
