namespace KafkaWorkers;

/// <summary>The SASL mechanism KEDA's kafka scaler uses to connect (the <c>sasl</c> parameter).</summary>
public enum KedaSaslMechanism
{
    /// <summary>No SASL (<c>none</c>). The default.</summary>
    None = 0,

    /// <summary>SASL/PLAIN (<c>plaintext</c>).</summary>
    Plaintext = 1,

    /// <summary>SASL/SCRAM-SHA-256 (<c>scram_sha256</c>).</summary>
    ScramSha256 = 2,

    /// <summary>SASL/SCRAM-SHA-512 (<c>scram_sha512</c>).</summary>
    ScramSha512 = 3,

    /// <summary>SASL/OAUTHBEARER (<c>oauthbearer</c>).</summary>
    OAuthBearer = 4,
}
