/**
 * `POST /qbwc` (the SOAP endpoint the `.qwc` file's AppURL names) and `GET /qbwc?wsdl` (the WSDL, its
 * soap:address set to the URL it was fetched from). A Hono app of its own, mounted by `tieout serve` and by
 * the in-process sandbox session; QuickBooks responses are large, so its body limit is its own.
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { create } from 'xmlbuilder2';
import type { QbwcService } from './service.ts';
import { parseSoapRequest, SoapError, soapFault, soapResponse } from './soap.ts';

export const QBWC_PATH = '/qbwc';
/** One qbXML response page (MaxReturned records with their lines) stays far below this. */
export const QBWC_MAX_BODY_BYTES = 64 * 1024 * 1024;

const WSDL = readFileSync(new URL('./QBWebConnectorSvc.wsdl', import.meta.url), 'utf8');

export function wsdlFor(url: string): string {
  const doc = create(WSDL);
  const address = doc.find((n) => n.node.nodeName === 'soap:address', true, true);
  address?.att('location', url);
  return doc.end({ prettyPrint: true });
}

const XML = { 'content-type': 'text/xml; charset=utf-8' };

export function qbwcApp(service: QbwcService): Hono {
  const app = new Hono();
  app.get(QBWC_PATH, (c) => {
    const url = new URL(c.req.url);
    if (!url.searchParams.has('wsdl'))
      return c.text(
        "This is tieout's QuickBooks Web Connector endpoint; add it to the Web Connector with a .qwc file (tieout qbd qwc). The WSDL is at ?wsdl.\n",
      );
    return c.body(wsdlFor(`${url.origin}${QBWC_PATH}`), 200, XML);
  });
  app.post(QBWC_PATH, async (c) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > QBWC_MAX_BODY_BYTES)
      return c.body(soapFault('Client', `the request is over ${QBWC_MAX_BODY_BYTES} bytes`), 413, XML);
    let call: ReturnType<typeof parseSoapRequest>;
    try {
      call = parseSoapRequest(await c.req.text());
    } catch (e) {
      if (e instanceof SoapError) return c.body(soapFault('Client', e.message), 500, XML);
      throw e;
    }
    const p = (name: string) => call.params[name] ?? '';
    let result: string | number | string[];
    switch (call.method) {
      case 'serverVersion':
        result = service.serverVersion();
        break;
      case 'clientVersion':
        result = service.clientVersion(p('strVersion'));
        break;
      case 'authenticate':
        result = await service.authenticate(p('strUserName'), p('strPassword'));
        break;
      case 'sendRequestXML':
        result = service.sendRequestXML(
          p('ticket'),
          p('strHCPResponse'),
          p('strCompanyFileName'),
          p('qbXMLCountry'),
          p('qbXMLMajorVers'),
          p('qbXMLMinorVers'),
        );
        break;
      case 'receiveResponseXML':
        result = service.receiveResponseXML(p('ticket'), p('response'), p('hresult'), p('message'));
        break;
      case 'connectionError':
        result = service.connectionError(p('ticket'), p('hresult'), p('message'));
        break;
      case 'getLastError':
        result = service.getLastError(p('ticket'));
        break;
      case 'closeConnection':
        result = service.closeConnection(p('ticket'));
        break;
      default:
        return c.body(
          soapFault(
            'Client',
            `unknown method ${call.method}; the Web Connector service has serverVersion, clientVersion, authenticate, sendRequestXML, receiveResponseXML, connectionError, getLastError and closeConnection`,
          ),
          500,
          XML,
        );
    }
    return c.body(soapResponse(call.method, result), 200, XML);
  });
  return app;
}
