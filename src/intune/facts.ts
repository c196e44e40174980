/**
 * What Microsoft documents about the Certificate Connector for Microsoft Intune, and what the source articles observed,
 * in one place (see /docs/intune.md for the sources). Everything here is documented; what is not (the installer's
 * unattended switches, its download URL) is an input, not a constant.
 */

/** The connector features, as the configuration wizard's *Features* page offers them. */
export const CERTIFICATE_CONNECTOR_FEATURES = {
    /** PKCS #12 certificates issued by a Microsoft (AD CS) Certification Authority. */
    pkcs: "pkcs",
    /** PFX certificates imported to Intune (S/MIME). */
    pkcsImported: "pkcsImported",
    /** SCEP certificates through NDES and a Microsoft CA. */
    scep: "scep",
    /** Automatic revocation of certificates issued from a Microsoft CA. */
    revocation: "revocation",
} as const;

/** The feature names the fleet accepts. */
export const CERTIFICATE_CONNECTOR_FEATURE_NAMES: readonly string[] = Object.values(CERTIFICATE_CONNECTOR_FEATURES);

/** How the wizard's *Features* page labels each feature, for instructions. */
export const FEATURE_LABELS: Readonly<Record<string, string>> = {
    pkcs: "PKCS",
    pkcsImported: "PKCS imported certificates",
    scep: "SCEP",
    revocation: "Certificate revocation",
};

/** Features whose prerequisites put the connector server in the Active Directory domain (PKCS, SCEP and revocation need the CA). */
export const DOMAIN_FEATURES: readonly string[] = [
    CERTIFICATE_CONNECTOR_FEATURES.pkcs,
    CERTIFICATE_CONNECTOR_FEATURES.scep,
    CERTIFICATE_CONNECTOR_FEATURES.revocation,
];

/** The issuer of the connector's agent certificate, enrolled into the local computer store. */
export const AGENT_CERTIFICATE_ISSUER = "Microsoft Intune ImportPFX Connector CA";

/** The agent certificate is valid for one year from its issue. */
export const AGENT_CERTIFICATE_VALIDITY_YEARS = 1;

/** Where the installer puts the connector (its services run from here). */
export const CONNECTOR_INSTALL_DIR = String.raw`C:\Program Files\Microsoft Intune\PFXCertificateConnector`;

/**
 * The configuration wizard. It must run elevated, and its *Azure AD Sign In* page needs an interactive sign-in by a
 * Global Administrator or Intune Administrator with an Intune license (a synchronised account); no unattended form is
 * documented. Rerunning it on a configured connector enrols a new agent certificate.
 */
export const CONNECTOR_CONFIGURATION_WIZARD = String.raw`C:\Program Files\Microsoft Intune\PFXCertificateConnector\ConnectorUI\PFXCertificateConnectorUI.exe`;

/** The command that opens the wizard, as an administrator runs it in an elevated PowerShell on the host. */
export const CONFIGURE_COMMAND = `Start-Process -Verb RunAs -FilePath '${CONNECTOR_CONFIGURATION_WIZARD}'`;

/** The connector's operational event log. */
export const CONNECTOR_OPERATIONAL_LOG = "Microsoft-Intune-CertificateConnectors/Operational";

/** Events in the operational log (source CertificateConnectors) that the source articles tie to agent-certificate failures. */
export const CONNECTOR_FAILURE_EVENTS = {
    /** "Failed to renew agent certificate … Access is denied" (and other exceptions, task category Exception). */
    exception: 2,
    /** PkcsDownloadFailure: "Failed to download PKCS requests". */
    pkcsDownloadFailure: 1003,
    /** HealthMessageUploadFailedAttempt: "Failed to upload health messages". */
    healthUploadFailure: 5001,
} as const;

/** The local Administrators group's well-known SID (language-independent). */
export const LOCAL_ADMINISTRATORS_SID = "S-1-5-32-544";

/**
 * The server roles and features the prerequisites list for SCEP with a Microsoft CA: IIS with its role services, the
 * .NET 4.x features (ASP.NET, WCF HTTP activation), the .NET 3.5 features NDES needs, and the NDES role service.
 */
export const SCEP_WINDOWS_FEATURES: readonly string[] = [
    "Web-Server",
    "Web-Filtering",
    "Web-Net-Ext45",
    "Web-Asp-Net45",
    "Web-Mgmt-Console",
    "Web-Metabase",
    "Web-WMI",
    "NET-Framework-45-ASPNET",
    "NET-WCF-HTTP-Activation45",
    "NET-Framework-Core",
    "NET-HTTP-Activation",
    "ADCS-Device-Enrollment",
];

/**
 * Why the connector should not run as SYSTEM with PKCS. The connector uses its service account for every interaction
 * with the CA, and PKCS keys are generated on the connector server; as SYSTEM that identity is the server's computer
 * account.
 */
export const PKCS_AS_SYSTEM_REASON =
    "the connector uses its service account for every interaction with the Certification Authority, and PKCS private " +
    "keys are generated on the connector server; as SYSTEM that identity is the server's computer account, which then " +
    "needs Issue and Manage Certificates on the CA and Enroll on every PKCS template, so any process on the server " +
    "that acts as the computer account (SYSTEM, NETWORK SERVICE) can issue certificates for any user. SYSTEM is " +
    "acceptable for SCEP only";

/** What happens every year when the connector's service account is not a local administrator. */
export const NON_ADMIN_RENEWAL_FAILURE =
    `the agent certificate (valid one year) cannot renew: renewal fails with event ${CONNECTOR_FAILURE_EVENTS.exception} ` +
    `("Failed to renew agent certificate ... Access is denied") in ${CONNECTOR_OPERATIONAL_LOG}, so the connector must ` +
    "be reinstalled (or its configuration wizard rerun) before every expiry";
