using Calc.Sdk;

namespace Calc.Templates.Energy;

/// <summary>
/// Puts span energy into the buckets of one output and decides what to emit. A bucket is emitted
/// <c>early</c> when a contribution changes it (or is its first, even a zero one) and <c>final</c>
/// once a reading at or after its end arrives: right-closed buckets cannot change after that.
/// </summary>
internal sealed class BucketOutput(IBucketScheme scheme, Attribution attribution, string pointId, IBucketEmitter emitter)
{
    public void Add(ref BucketTrack track, AssetEnergy asset, in EnergySpan span)
    {
        if (attribution == Attribution.End)
        {
            scheme.Locate(span.End - 1, out var s, out var e);
            Put(ref track, asset, s, e, span.Energy);
        }
        else
        {
            var from = span.Start;
            var done = 0.0;
            while (true)
            {
                scheme.Locate(from, out var s, out var e);
                if (e >= span.End)
                {
                    // The last piece takes the remainder, so the pieces add up to the span exactly.
                    Put(ref track, asset, s, e, span.Energy - done);
                    break;
                }

                var piece = span.Integral(from, e);
                done += piece;
                Put(ref track, asset, s, e, piece);
                from = e;
            }
        }

        Advance(ref track, asset, span.End);
    }

    /// <summary>A reading at <paramref name="time"/> was taken: close the bucket if it ends at or before it, else emit what changed.</summary>
    public void Advance(ref BucketTrack track, AssetEnergy asset, long time)
    {
        if (!track.Open)
        {
            return;
        }

        if (track.End <= time)
        {
            Close(ref track, asset);
        }
        else if (!track.Emitted || track.Sum != track.EmittedSum)
        {
            Emit(ref track, asset, CalMode.Early);
        }
    }

    /// <summary>End of input or idle asset: emit the open bucket as final, but keep it so that later spans continue it.</summary>
    public void Flush(ref BucketTrack track, AssetEnergy asset)
    {
        if (track.Open && !(track.Final && track.Sum == track.EmittedSum))
        {
            Emit(ref track, asset, CalMode.Final);
        }
    }

    private void Put(ref BucketTrack track, AssetEnergy asset, long start, long end, double energy)
    {
        if (track.Open && track.Start != start)
        {
            Close(ref track, asset);
        }

        if (!track.Open)
        {
            track = new BucketTrack { Open = true, Start = start, End = end };
        }

        track.Sum += energy;
    }

    private void Close(ref BucketTrack track, AssetEnergy asset)
    {
        Flush(ref track, asset);
        track.Open = false;
    }

    private void Emit(ref BucketTrack track, AssetEnergy asset, CalMode mode)
    {
        track.Emitted = true;
        track.EmittedSum = track.Sum;
        track.Final = mode == CalMode.Final;
        emitter.EmitBucket(asset, pointId, track.Start, track.Sum, mode);
    }
}
