// WixAPI module.
