using KafkaWorkers.Completion;

namespace KafkaWorkers.Sharing;

/// <summary>
/// The run of a share worker with <see cref="KafkaWorkerOptions.Completion"/>, shared by its members (each on its own
/// thread): a message budget taken on record by record, and when the run is over.
/// </summary>
/// <remarks>
/// A share group has no partition a member owns, so a run cannot drain one (<see cref="KafkaCompletionOptions.UntilDrained"/>
/// is refused at start). A record the run does not take on is released unstarted, so another member gets it at once.
/// The run is idle when nothing was acquired and nothing was settled for <see cref="KafkaCompletionOptions.IdleTimeout"/>
/// while no record of it is in a handler; a run that acquired nothing within <see cref="KafkaCompletionOptions.StartTimeout"/>
/// has nothing to do.
/// </remarks>
internal sealed class ShareRun
{
    private readonly KafkaCompletionOptions _options;
    private readonly TimeProvider _time;
    private readonly long _start;
    private long _lastActivity;
    private int _admitted;
    private int _settled;
    private int _acquiredAny;

    public ShareRun(KafkaCompletionOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _start = _lastActivity = time.GetTimestamp();
    }

    /// <summary>Gets how many records the run took on and settled (acknowledged).</summary>
    public int Handled => Volatile.Read(ref _settled);

    /// <summary>Gets how long the run has taken so far.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_start);

    /// <summary>Gets whether the whole message budget was taken on: members poll no more.</summary>
    public bool BudgetTaken => _options.MaxMessages is { } max && Volatile.Read(ref _admitted) >= max;

    /// <summary>Notes that a member acquired records.</summary>
    public void Acquired()
    {
        Volatile.Write(ref _acquiredAny, 1);
        Touch();
    }

    /// <summary>Takes on up to <paramref name="count"/> records of a handler call, within the message budget.</summary>
    /// <returns>How many of them, from the first, belong to the run (0 once the budget is taken).</returns>
    public int Admit(int count)
    {
        while (true)
        {
            var admitted = Volatile.Read(ref _admitted);
            var take = _options.MaxMessages is { } max ? Math.Min(count, max - admitted) : count;
            if (take <= 0)
            {
                return 0;
            }

            if (Interlocked.CompareExchange(ref _admitted, admitted + take, admitted) == admitted)
            {
                return take;
            }
        }
    }

    /// <summary>Notes that <paramref name="count"/> records taken on were acknowledged.</summary>
    public void Settled(int count)
    {
        Interlocked.Add(ref _settled, count);
        Touch();
    }

    /// <summary>Decides whether the run is over; called by each member between polls.</summary>
    /// <returns>Why the run is over, or null while it goes on.</returns>
    public RunEnding? Check()
    {
        if (_options.MaxDuration is { } maxDuration && Elapsed >= maxDuration)
        {
            return _options.MaxMessages is null ? RunEnding.MaxDuration : RunEnding.TimedOut;
        }

        var inHandlers = Volatile.Read(ref _admitted) != Volatile.Read(ref _settled);
        if (inHandlers)
        {
            return null;
        }

        if (BudgetTaken)
        {
            return RunEnding.MaxMessagesHandled;
        }

        if (_options.IdleTimeout is { } idleTimeout && _time.GetElapsedTime(Interlocked.Read(ref _lastActivity)) >= idleTimeout)
        {
            return RunEnding.Idle;
        }

        return Volatile.Read(ref _acquiredAny) == 0 && Elapsed >= _options.StartTimeout ? RunEnding.NothingAcquired : null;
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());
}
