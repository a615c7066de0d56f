import { htmlToText, parseSignature } from '../../../server/extraction/signatures';

/** What Outlook for Windows sends: MsoNormal lines, a signature, then the quoted message below a bordered header. */
const OUTLOOK_REPLY = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt;} --></style>
<!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026" /></xml><![endif]-->
</head>
<body lang="EN-US"><div class="WordSection1">
<p class="MsoNormal">Hi Megan,<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Thanks &amp; noted &#8211; we&#39;ll ship on Friday.<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Best regards,<o:p></o:p></p>
<p class="MsoNormal"><b>Hanako Suzuki</b><o:p></o:p></p>
<p class="MsoNormal">Senior Manager, Global Sales<o:p></o:p></p>
<p class="MsoNormal">Example Co., Ltd.<o:p></o:p></p>
<p class="MsoNormal">T: +81 3-5555-1234 | M: +81 90-5555-1234<o:p></o:p></p>
<p class="MsoNormal"><a href="mailto:hanako.suzuki@example.co.jp">hanako.suzuki@example.co.jp</a> | <a href="https://www.example.co.jp/">www.example.co.jp</a><o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
<p class="MsoNormal"><b>From:</b> Megan Bowen &lt;megan@contoso.com&gt;<br><b>Sent:</b> Monday, March 4, 2024 9:12 AM<br><b>To:</b> Hanako Suzuki &lt;hanako.suzuki@example.co.jp&gt;<br><b>Subject:</b> Shipment<o:p></o:p></p>
</div>
<p class="MsoNormal">When will it ship?<o:p></o:p></p>
<p class="MsoNormal">Megan Bowen<br>Purchasing Director, Contoso Ltd.<br>Tel: +1 425 555 0100<o:p></o:p></p>
</div></body></html>`;

describe('HTML bodies', () => {
  it('turns Outlook markup into the lines a reader sees, without the quoted message', () => {
    expect(htmlToText(OUTLOOK_REPLY).split('\n')).toEqual([
      'Hi Megan,',
      '',
      "Thanks & noted – we'll ship on Friday.",
      '',
      'Best regards,',
      'Hanako Suzuki',
      'Senior Manager, Global Sales',
      'Example Co., Ltd.',
      'T: +81 3-5555-1234 | M: +81 90-5555-1234',
      'hanako.suzuki@example.co.jp | www.example.co.jp',
    ]);
  });

  it('parses the sender signature of an Outlook reply and none of the quoted one', () => {
    const result = parseSignature({
      body: OUTLOOK_REPLY,
      contentType: 'html',
      sender: { name: 'Hanako Suzuki', address: 'hanako.suzuki@example.co.jp' },
    });
    expect(result.lines).toEqual([
      'Best regards,',
      'Hanako Suzuki',
      'Senior Manager, Global Sales',
      'Example Co., Ltd.',
      'T: +81 3-5555-1234 | M: +81 90-5555-1234',
      'hanako.suzuki@example.co.jp | www.example.co.jp',
    ]);
    expect(result.fields).toEqual({
      name: 'Hanako Suzuki',
      title: 'Senior Manager, Global Sales',
      company: 'Example Co., Ltd.',
      phones: [
        { type: 'office', number: '+81355551234', raw: '+81 3-5555-1234' },
        { type: 'mobile', number: '+819055551234', raw: '+81 90-5555-1234' },
      ],
      email: 'hanako.suzuki@example.co.jp',
      url: 'www.example.co.jp',
    });
  });

  it("cuts Outlook on the web's divRplyFwdMsg, Gmail's gmail_quote and blockquotes", () => {
    const own = '<div>Fine by me.</div><div><br></div><div>Thanks,</div><div>Adele</div>';
    const owa = `${own}<div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Bob</div><div>Bob Jones<br>+1 425 555 0100</div>`;
    const gmail = `${own}<div class="gmail_quote"><div class="gmail_attr">On Mon, Bob wrote:</div><blockquote>Bob Jones</blockquote></div>`;
    const apple = `${own}<blockquote type="cite">Bob Jones<br>+1 425 555 0100</blockquote>`;
    for (const body of [owa, gmail, apple]) {
      expect(htmlToText(body)).toBe('Fine by me.\n\nThanks,\nAdele');
    }
  });

  it('drops style, script and comments, decodes entities and makes table cells columns', () => {
    const html =
      '<style>.x{color:red}</style><script>alert(1)</script><!-- note -->' +
      '<table><tr><td>John&nbsp;Oh</td><td>503.464.5066</td></tr><tr><td>&#x682A;&#24335;&#20250;&#31038; Sample</td><td>&copy; 2024</td></tr></table>' +
      '<p>first paragraph</p><p>second paragraph</p>';
    expect(htmlToText(html)).toBe(
      'John Oh\t503.464.5066\n株式会社 Sample\t© 2024\nfirst paragraph\n\nsecond paragraph',
    );
  });
});
