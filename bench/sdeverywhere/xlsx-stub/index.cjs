// Stand-in for the SheetJS "xlsx" package. @sdeverywhere/compile imports it at load time
// (and calls set_fs) but only uses it for models that read Excel workbooks (GET DIRECT DATA
// and friends). The drift model reads none, so anything beyond set_fs is an error.
'use strict'
function unsupported() {
  throw new Error('xlsx stub: Excel data is not supported in this benchmark')
}
module.exports = { set_fs() {}, readFile: unsupported, read: unsupported, utils: {} }
