import type * as pulumi from "@pulumi/pulumi";

/**
 * Joins a host to an Active Directory domain. Required for connectors that serve SSO apps (Kerberos constrained
 * delegation); optional otherwise.
 */
export interface DomainJoinArgs {
    /** The domain's DNS name, e.g. `corp.example.com`. The host must be able to resolve it (VNet DNS). */
    domainName: string;
    /**
     * The organisational unit to create the computer account in, as an LDAP distinguished name, e.g.
     * `OU=Connectors,DC=corp,DC=example,DC=com`. Default: the domain's default Computers container.
     */
    ouPath?: string;
    /**
     * The account that joins the host, with its domain: `CORP\joiner` or `joiner@corp.example.com`. It needs the right
     * to create computer objects in the OU.
     */
    username: string;
    /** The account's password. Always handled as a Pulumi secret; it reaches only the domain-join step's protected settings. */
    password: pulumi.Input<string>;
}

/**
 * A script that a host runs once it is up (after the domain join), with secret values it reads by name. The script is
 * delivered in plain form and must hold no secret; the secrets reach the host only through the cloud's secret channel
 * (on Azure, the Custom Script Extension's protected settings).
 */
export interface HostBootstrapArgs {
    /** The PowerShell script, e.g. from `renderConnectorBootstrap`. ASCII, no secret. */
    script: string;
    /**
     * Secret values the script reads by name (its `Read-BootstrapSecrets` step). Each is made a Pulumi secret,
     * whatever it was given as.
     */
    secrets: pulumi.Input<{ [name: string]: pulumi.Input<string> }>;
}

/**
 * When a connector host's CPU or memory stays busy, raise an alert. Microsoft's guidance is to add capacity when
 * utilisation stays above 70% at peak, and to scale out (add connectors to the group) rather than up; the alert's
 * description says so. Each cloud's `scaleOutAlert` adds where the alert goes.
 */
export interface ScaleOutAlertArgs {
    /**
     * Alert when a host's CPU, or its memory, in use stays above this percentage. Default 70 (Microsoft's guidance);
     * 1 to 99.
     */
    thresholdPercent?: number;
    /**
     * For how long, in minutes, utilisation must stay above the threshold: a sustained peak, not a spike. Default 15.
     * Each cloud lists the windows it accepts (Azure and AWS: 5, 15, 30 or 60).
     */
    windowMinutes?: number;
}
