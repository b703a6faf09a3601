/**
 * Mail out: an SES v2 domain identity (Easy DKIM) and a configuration set every sent mail uses.
 * Mail is sent as `MAIL_FROM` (default `Helpdesk <no-reply@<mailDomain>>`). After the first
 * deploy, publish the three DKIM CNAME records shown in the stack outputs in the domain's DNS;
 * a new account also has to leave the SES sandbox before it can mail arbitrary addresses.
 *
 * Issue 8: ticket mails go out from `{slug}@<inboundMailDomain>` (a second identity, also DKIM),
 * and the configuration set publishes their bounce, complaint and delivery events to an
 * encrypted SNS topic (`deliveryEvents`), which the effects stack's `ses-events` function reads.
 */
import { Arn, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

export interface MailStackProps extends StackProps {
  /** Domain mail is sent from, e.g. `helpdesk.example.com`. */
  mailDomain: string;
  /** Sender of every outgoing mail. @default `Helpdesk <no-reply@<mailDomain>>` */
  mailFrom?: string;
  /** Name of the SES configuration set (unique per account and region). */
  configurationSetName: string;
  /** Domain of the tenants' own addresses (`{slug}@…`): ticket mails are sent from it, replies come to it. @default `in.<mailDomain>` */
  inboundMailDomain?: string;
}

export class MailStack extends Stack {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
  readonly mailFrom: string;
  /** Issue 8: the identity ticket mails are sent from, and its domain (INBOUND_MAIL_DOMAIN). */
  readonly inboundIdentity: ses.EmailIdentity;
  readonly inboundMailDomain: string;
  /** Bounce, complaint and delivery events of every sent mail. */
  readonly deliveryEvents: sns.Topic;

  constructor(scope: Construct, id: string, props: MailStackProps) {
    super(scope, id, props);
    this.mailFrom = props.mailFrom ?? `Helpdesk <no-reply@${props.mailDomain}>`;
    this.configurationSetName = props.configurationSetName;

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSetArn = Arn.format({ service: 'ses', resource: 'configuration-set', resourceName: props.configurationSetName }, this);

    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.mailDomain),
      configurationSet: this.configurationSet,
      dkimSigning: true,
    });

    this.identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `DKIM CNAME record ${i + 1} to publish for ${props.mailDomain}`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });

    this.inboundMailDomain = props.inboundMailDomain ?? `in.${props.mailDomain}`;
    this.inboundIdentity = new ses.EmailIdentity(this, 'InboundIdentity', {
      identity: ses.Identity.domain(this.inboundMailDomain),
      configurationSet: this.configurationSet,
      dkimSigning: true,
    });
    this.inboundIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `InboundDkimRecord${i + 1}`, {
        description: `DKIM CNAME record ${i + 1} to publish for ${this.inboundMailDomain}`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });

    // SES publishes to an encrypted topic only if the key lets it: a key of our own, SES allowed to use it for this account's events.
    const key = new kms.Key(this, 'DeliveryEventsKey', { enableKeyRotation: true, description: 'Helpdesk: SES delivery events topic' });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.deliveryEvents = new sns.Topic(this, 'DeliveryEvents', { masterKey: key, enforceSSL: true });
    this.configurationSet.addEventDestination('DeliveryEventsDestination', {
      destination: ses.EventDestination.snsTopic(this.deliveryEvents),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.DELIVERY],
    });
  }

  /** Allows `grantee` to send mail from the identity through the configuration set, nothing else. */
  grantSend(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail'],
      resourceArns: [this.identity.emailIdentityArn, this.inboundIdentity.emailIdentityArn, this.configurationSetArn],
    });
  }
}
