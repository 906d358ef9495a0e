// WixEmulator module.
