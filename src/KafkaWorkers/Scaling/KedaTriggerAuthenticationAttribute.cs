namespace KafkaWorkers;

/// <summary>
/// Generates a KEDA <c>TriggerAuthentication</c> for the <c>kafka</c> trigger of the worker declared on the same
/// handler class, and makes the trigger reference it (<c>authenticationRef</c>).
/// </summary>
/// <remarks>
/// <para>
/// The credentials stay in a Kubernetes <c>Secret</c>: the generated resource maps each KEDA parameter to a key of
/// that secret (<c>secretTargetRef</c>), and no secret value ever appears in generated YAML. The SASL mechanism and
/// TLS switch are not secret; they are written as the trigger's <c>sasl</c> and <c>tls</c> metadata, unless
/// <see cref="SaslKey"/> or <see cref="TlsKey"/> say to read them from the secret too.
/// </para>
/// <para>
/// With a SASL mechanism other than <see cref="KedaSaslMechanism.None"/> the <c>username</c> and <c>password</c>
/// parameters are mapped to the secret keys <c>username</c> and <c>password</c> unless <see cref="UsernameKey"/> and
/// <see cref="PasswordKey"/> name others. The TLS material (<c>ca</c>, <c>cert</c>, <c>key</c>) is mapped only when
/// its key property is written.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KedaTriggerAuthenticationAttribute : Attribute
{
    /// <summary>Declares the secret that holds the Kafka credentials of the worker's KEDA trigger.</summary>
    /// <param name="secretName">The name of the Kubernetes <c>Secret</c> in the namespace of the scaled resource.</param>
    public KedaTriggerAuthenticationAttribute(string secretName) => SecretName = secretName;

    /// <summary>Gets the name of the Kubernetes <c>Secret</c> that holds the credentials.</summary>
    public string SecretName { get; }

    /// <summary>Gets or sets the name of the generated <c>TriggerAuthentication</c>.</summary>
    /// <value>Unset: <c>&lt;worker&gt;-kafka-auth</c>.</value>
    public string? Name { get; set; }

    /// <summary>Gets or sets the SASL mechanism (the <c>sasl</c> parameter).</summary>
    /// <value>Unset: <see cref="KedaSaslMechanism.None"/>; no SASL.</value>
    public KedaSaslMechanism Sasl { get; set; }

    /// <summary>Gets or sets whether the scaler connects with TLS (the <c>tls</c> parameter, <c>enable</c> or <c>disable</c>).</summary>
    /// <value>Unset: no TLS.</value>
    public bool Tls { get; set; }

    /// <summary>Gets or sets the secret key that holds the <c>sasl</c> parameter, instead of <see cref="Sasl"/>.</summary>
    /// <value>Unset: not read from the secret.</value>
    public string? SaslKey { get; set; }

    /// <summary>Gets or sets the secret key that holds the <c>tls</c> parameter, instead of <see cref="Tls"/>.</summary>
    /// <value>Unset: not read from the secret.</value>
    public string? TlsKey { get; set; }

    /// <summary>Gets or sets the secret key that holds the SASL user name (the <c>username</c> parameter).</summary>
    /// <value>Unset: <c>username</c> when SASL is used.</value>
    public string? UsernameKey { get; set; }

    /// <summary>Gets or sets the secret key that holds the SASL password (the <c>password</c> parameter).</summary>
    /// <value>Unset: <c>password</c> when SASL is used.</value>
    public string? PasswordKey { get; set; }

    /// <summary>Gets or sets the secret key that holds the CA certificate in PEM (the <c>ca</c> parameter).</summary>
    /// <value>Unset: not mapped.</value>
    public string? CaKey { get; set; }

    /// <summary>Gets or sets the secret key that holds the client certificate in PEM (the <c>cert</c> parameter).</summary>
    /// <value>Unset: not mapped.</value>
    public string? CertKey { get; set; }

    /// <summary>Gets or sets the secret key that holds the client private key in PEM (the <c>key</c> parameter).</summary>
    /// <value>Unset: not mapped.</value>
    public string? KeyKey { get; set; }
}
