#!/usr/bin/env bash
# Accepts or rejects every tracked change of a .docx in LibreOffice, as a person would with 接受所有修订 /
# 拒绝所有修订, and writes what remains as UTF-8 text (one line per paragraph) and as .docx:
#
#   scripts/docx-revisions.sh accept|reject IN.docx OUT.txt OUT.docx [accept|reject IN2.docx OUT2.txt OUT2.docx …]
#
# OUT.docx "-" writes the text only, and removes the comments (after counting them) before accepting or rejecting:
# LibreOffice 7.4 without its GUI files (libreoffice-writer-nogui) aborts at random when a change it accepts moves a
# comment, because it then builds a comment window it has no .ui file for. Text and count are written before the .docx.
# Several jobs share one LibreOffice start (it is slow to start).
# Runs a Basic macro from a private, throw-away LibreOffice profile (no Python-UNO needed): it loads the file
# hidden, dispatches .uno:AcceptAllTrackedChanges (or Reject…), then stores the text. Also prints the number of
# comments (批注) LibreOffice read from each file, on stdout, as "OUT.txt comments: N".
set -euo pipefail

[ $# -ge 4 ] && [ $(($# % 4)) -eq 0 ] || { echo "usage: $0 accept|reject IN.docx OUT.txt OUT.docx [...]" >&2; exit 2; }
soffice_bin="$(command -v soffice || command -v libreoffice || true)"
[ -n "$soffice_bin" ] || { echo "soffice not found: apt-get install -y libreoffice-writer-nogui" >&2; exit 1; }

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# A first start creates the profile with its empty Standard library (Module1); the macro replaces Module1.
"$soffice_bin" -env:UserInstallation="file://$profile" --headless --norestore --terminate_after_init >/dev/null 2>&1
basic="$profile/user/basic"
[ -f "$basic/Standard/Module1.xba" ] || { echo "LibreOffice did not create its profile" >&2; exit 1; }
cat >"$basic/Standard/Module1.xba" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Run(inPath As String, command As String, outText As String, outDocx As String, withoutComments As Boolean)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot; : load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, load())
  comments = 0
  fields = doc.getTextFields().createEnumeration()
  Do While fields.hasMoreElements()
    field = fields.nextElement()
    If field.supportsService(&quot;com.sun.star.text.textfield.Annotation&quot;) Then comments = comments + 1
  Loop
  If withoutComments Then
    fields = doc.getTextFields().createEnumeration()
    Do While fields.hasMoreElements()
      field = fields.nextElement()
      If field.supportsService(&quot;com.sun.star.text.textfield.Annotation&quot;) Then field.dispose()
    Loop
  End If
  dispatcher = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, &quot;&quot;, 0, Array())
  Dim text(1) As New com.sun.star.beans.PropertyValue
  text(0).Name = &quot;FilterName&quot; : text(0).Value = &quot;Text (encoded)&quot;
  text(1).Name = &quot;FilterOptions&quot; : text(1).Value = &quot;UTF8,LF&quot;
  doc.storeToURL(ConvertToURL(outText), text())
  counter = FreeFile
  Open outText &amp; &quot;.comments&quot; For Output As #counter
  Print #counter, comments
  Close #counter
  If outDocx &lt;&gt; &quot;&quot; Then
    Dim word(0) As New com.sun.star.beans.PropertyValue
    word(0).Name = &quot;FilterName&quot; : word(0).Value = &quot;MS Word 2007 XML&quot;
    doc.storeToURL(ConvertToURL(outDocx), word())
  End If
  doc.close(True)
End Sub
</script:module>
XML

macros=()
outs=()
while [ $# -gt 0 ]; do
  case "$1" in accept) command=".uno:AcceptAllTrackedChanges" ;; reject) command=".uno:RejectAllTrackedChanges" ;; *) exit 2 ;; esac
  in="$(realpath "$2")"; out="$(realpath -m "$3")"; out_docx=""
  [ "$4" = "-" ] || { out_docx="$(realpath -m "$4")"; rm -f "$out_docx"; }
  rm -f "$out" "$out.comments"
  text_only=False; [ -n "$out_docx" ] || text_only=True
  macros+=("macro:///Standard.Module1.Run(\"$in\",\"$command\",\"$out\",\"$out_docx\",$text_only)")
  outs+=("$out")
  shift 4
done
"$soffice_bin" -env:UserInstallation="file://$profile" --headless --norestore --nologo "${macros[@]}" >/dev/null 2>&1 || true
for out in "${outs[@]}"; do
  [ -f "$out" ] || { echo "LibreOffice did not open or convert the file for $out" >&2; exit 1; }
  echo "$(basename "$out") comments: $(tr -d '[:space:]' <"$out.comments")"
  rm -f "$out.comments"
done
