/**
 * Where the connector installer comes from. Its own module because both the renderer and the templates name it: the
 * on-premises secret-fetch step offers it when an administrator gives no URL of their own.
 */

/**
 * Where the connector installer is downloaded from by default: the link the Entra admin center's "Download connector
 * service" has historically pointed at. UNCONFIRMED as a stable public URL: the bootstrap checks the download is a
 * Microsoft-signed file, and `registration.installerUrl` replaces it (for example with a copy in your own storage).
 */
export const DEFAULT_CONNECTOR_INSTALLER_URL =
    "https://download.msappproxy.net/Subscription/d3c8b69d-6bf7-42be-a529-3fe9c2e70c90/Connector/DownloadConnectorInstaller";
