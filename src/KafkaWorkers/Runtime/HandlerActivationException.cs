namespace KafkaWorkers.Runtime;

/// <summary>
/// The handler could not be created from the service provider: it is not registered, or its constructor (or one of its
/// dependencies) threw. The application is at fault, not the message, so the failure policy neither retries nor
/// dead-letters it: the worker stops without committing the message.
/// </summary>
internal sealed class HandlerActivationException(Type handlerType, Exception innerException)
    : Exception(
        $"The handler {handlerType.FullName} could not be created from the service provider: {innerException.Message} " +
        "Check that it is registered (AddKafkaWorker registers it) and that its constructor and dependencies can be created.",
        innerException);
