import type { ExportFormat } from '../../../../shared/model/settings';
import { loadPrintAssets } from '../../platform/printAssets';
import type { Exporter } from './exporter';
import { docxExporter } from './formats/docxExporter';
import { HtmlExporter } from './formats/htmlExporter';
import { markdownExporter } from './formats/markdownExporter';
import { PdfExporter } from './formats/pdfExporter';
import type { PdfPrinter } from './printer';

/** One exporter per format; PDF prints through `printer`, and PDF and HTML read the print assets from `resourcesPath`. */
export function createExporters(printer: PdfPrinter, resourcesPath: string): ReadonlyMap<ExportFormat, Exporter> {
  const assets = () => loadPrintAssets(resourcesPath);
  const exporters: Exporter[] = [new PdfExporter(printer, assets), docxExporter, markdownExporter, new HtmlExporter(assets)];
  return new Map(exporters.map((exporter) => [exporter.format, exporter]));
}
