/** Spanish texts for the demo's case history: replies, answers, requests, reasons, promises. */
import type { Decision } from '@/lib/domain/enums';

// prettier-ignore
export const REPLIES = [
  'Buen día, {nombre}. Recibimos su caso y ya lo estamos revisando con el área responsable. Le escribiremos apenas tengamos novedades.',
  'Hola, {nombre}. Le confirmo que su solicitud quedó asignada a nuestro equipo. Estamos verificando la información en el sistema.',
  'Cordial saludo. Ya enviamos la orden de revisión al área técnica; un funcionario se comunicará con usted para coordinar la visita.',
  'Gracias por escribirnos, {nombre}. Estamos validando los pagos registrados a su nombre para darle una respuesta completa.',
];

// prettier-ignore
export const ANSWERS: Readonly<Record<Decision, readonly string[]>> = {
  concede: [
    'Respetado(a) {nombre}: en atención a su solicitud {radicado}, le informamos que se concede lo solicitado. Verificamos el caso y aplicaremos la corrección en la próxima factura. Lamentamos las molestias ocasionadas.',
    'Respetado(a) {nombre}: revisado su caso {radicado}, se concede su solicitud. El ajuste quedó registrado y lo verá reflejado en su próximo periodo de facturación.',
    'Respetado(a) {nombre}: le informamos que se accede a lo solicitado en el radicado {radicado}. La orden de trabajo ya fue ejecutada por nuestro personal técnico.',
  ],
  concede_parcial: [
    'Respetado(a) {nombre}: en respuesta al radicado {radicado}, se concede parcialmente su solicitud. Reconocemos el cobro del cargo adicional, pero el consumo facturado corresponde a la lectura real del medidor.',
    'Respetado(a) {nombre}: revisado el radicado {radicado}, se concede parcialmente lo pedido: retiramos los intereses de mora; el saldo de capital se mantiene porque el pago no se registró en la fecha indicada.',
  ],
  niega: [
    'Respetado(a) {nombre}: en atención al radicado {radicado}, se niega lo solicitado. La visita técnica confirmó que el medidor funciona correctamente y el consumo corresponde al registrado. Contra esta decisión proceden los recursos de reposición y apelación.',
    'Respetado(a) {nombre}: revisado su caso {radicado}, se niega la solicitud porque el predio no cumple las condiciones del contrato de condiciones uniformes. Puede interponer recurso de reposición dentro de los cinco días hábiles siguientes.',
  ],
  informa: [
    'Respetado(a) {nombre}: en respuesta a su radicado {radicado}, le explicamos que el cargo fijo cubre los costos de disponibilidad del servicio y se calcula según la resolución vigente de la comisión de regulación.',
    'Respetado(a) {nombre}: agradecemos su aporte (radicado {radicado}). Lo compartimos con el área responsable, que lo evaluará dentro del plan de mejoramiento de este año.',
    'Respetado(a) {nombre}: le informamos que su reporte {radicado} fue trasladado a la oficina de control interno, que adelantará la verificación correspondiente con total reserva.',
  ],
};

// prettier-ignore
export const THANKS = [
  'Muchas gracias por tomarse el tiempo de escribirnos. Compartimos su mensaje con el equipo y con su jefe inmediato.',
  '¡Gracias por sus palabras! Las hicimos llegar a la persona que lo atendió.',
];

// prettier-ignore
export const INFO_REQUESTS = [
  'Para continuar con el trámite necesitamos copia de la factura reclamada y una foto legible del medidor.',
  'Por favor envíenos copia de la escritura o del certificado de tradición del inmueble.',
  'Necesitamos el comprobante del pago que menciona (fecha, valor y entidad donde pagó).',
  'Le pedimos indicar la dirección exacta del daño y un número de contacto para coordinar la visita.',
];

// prettier-ignore
export const INFO_PROVIDED = [
  'Adjunto la foto del medidor y la copia de la factura que me pidieron.',
  'Envío el certificado de tradición del inmueble. Quedo atento.',
  'Aquí está el comprobante de pago del corresponsal bancario.',
  'La dirección es la que aparece en la factura, frente al parque. Mi celular es el mismo que registré.',
];

// prettier-ignore
export const EXTENSION_REASONS = [
  'La verificación requiere una visita técnica al predio que no es posible realizar dentro del término inicial.',
  'Debemos solicitar al contratista de lectura el soporte fotográfico de los últimos seis meses.',
  'El caso requiere concepto del área jurídica sobre la aplicación del contrato de condiciones uniformes.',
];

// prettier-ignore
export const TRANSFERS = [
  { destination: 'Superintendencia de Servicios Públicos Domiciliarios', reason: 'La solicitud versa sobre una sanción que solo puede revisar la Superintendencia.' },
  { destination: 'Secretaría de Infraestructura de Santiago de Cali', reason: 'El daño reportado está en la malla vial, a cargo del municipio.' },
  { destination: 'Empresa de Telecomunicaciones del Pacífico S.A.', reason: 'El servicio reclamado lo presta otra empresa.' },
  { destination: 'Departamento Administrativo de Planeación Municipal', reason: 'La estratificación del predio la define la alcaldía.' },
];

// prettier-ignore
export const WITHDRAW_REASONS = [
  'Ya me solucionaron el problema en el punto de atención. Gracias.',
  'Me equivoqué de empresa; el cobro era de otro servicio.',
  'Ya no necesito el documento; el trámite del banco se cayó.',
];

// prettier-ignore
export const DISAGREE_REASONS = [
  'No estoy de acuerdo con la respuesta: el cobro sigue apareciendo en la factura nueva.',
  'La respuesta no contesta lo que pregunté. Pido que revisen de nuevo.',
  'Dicen que el medidor está bien, pero nadie vino a revisarlo.',
];

// prettier-ignore
export const REOPEN_REASONS = [
  'El ajuste prometido no quedó aplicado en la factura; se reabre para corregirlo.',
  'El cliente llamó a informar que la falla persiste después de la reparación.',
];

// prettier-ignore
export const PROMISES = [
  'Le devolveremos la llamada para confirmar el ajuste en la factura',
  'Visita técnica para revisar el medidor',
  'Enviar por correo la copia del acta de la visita',
  'Confirmar con el contratista la fecha de la reparación',
  'Llamar al cliente para explicar el cobro del cargo fijo',
];

// prettier-ignore
export const RENEGOTIATION_REASONS = [
  'El técnico asignado se incapacitó; se reprograma con el cliente, que está de acuerdo.',
  'El cliente pidió cambiar la visita para la tarde.',
  'El contratista no entregó el soporte a tiempo; se informó al cliente la nueva fecha.',
];

// prettier-ignore
export const CALL_OUTCOMES = ['Cliente informado del estado del caso', 'No contestó; se deja mensaje de voz', 'Se acordó la visita técnica'];

// prettier-ignore
export const REVIEW_COMMENTS = [
  'Respuesta completa, con lenguaje claro y un saludo personal.',
  'La respuesta resuelve el fondo pero usa la plantilla sin personalizar.',
  'Tono seco y sin empatía con un adulto mayor; retroalimentar al agente.',
  'Buen manejo: explica la decisión y los recursos que proceden.',
];

// prettier-ignore
export const CUSTOMER_COMMENTS = [
  'Me respondieron tarde, pero la asesora fue muy amable.',
  'Rápido, pero la persona que me atendió fue grosera.',
  'Todo muy bien, gracias.',
  'Sigo sin entender el cobro.',
];

/** Fills {nombre} and {radicado} in a seeded text. */
export function personalize(text: string, values: { nombre: string; radicado: string }): string {
  return text.replaceAll('{nombre}', values.nombre).replaceAll('{radicado}', values.radicado);
}
