// Fakes of the few AWS behaviours the workflows depend on, for simulate.mjs: the lock item with DynamoDB's
// conditional-write semantics, and the Managed Flink application's status transitions.
import { TaskError } from './simulate.mjs';

const CONDITION_FAILED = 'DynamoDb.ConditionalCheckFailedException';

/** One DynamoDB item keyed like RunLock's table; only the conditions RunLock writes are understood. */
export class FakeLockTable {
  constructor(item = null) {
    this.item = item;
  }

  mocks() {
    return {
      'dynamodb:putItem': (args) => {
        if (args.ConditionExpression !== 'attribute_not_exists(recurso) OR expiraEm < :agora') {
          throw new Error(`unexpected condition ${args.ConditionExpression}`);
        }
        const now = Number(args.ExpressionAttributeValues[':agora'].N);
        if (this.item && Number(this.item.expiraEm.N) >= now) throw new TaskError(CONDITION_FAILED, 'held');
        this.item = args.Item;
        return {};
      },
      'dynamodb:deleteItem': (args) => {
        if (args.ConditionExpression !== 'dono = :dono') throw new Error(`unexpected condition ${args.ConditionExpression}`);
        if (!this.item || this.item.dono.S !== args.ExpressionAttributeValues[':dono'].S) {
          throw new TaskError(CONDITION_FAILED, 'not the owner');
        }
        this.item = null;
        return {};
      },
      'dynamodb:getItem': () => (this.item ? { Item: this.item } : {}),
    };
  }
}

/**
 * The application: READY until started; UpdateApplication leaves it UPDATING for `updatingDescribes` describes;
 * StartApplication needs READY (else ResourceInUse); StopApplication leaves it FORCE_STOPPING for
 * `stoppingDescribes` describes, then READY. `script` may override the
 * status seen by the n-th describe while running (e.g. MAINTENANCE, or READY for a job that died).
 */
export class FakeApplication {
  constructor({ status = 'READY', updatingDescribes = 2, runningScript = [], stoppingDescribes = 2 } = {}) {
    this.status = status;
    this.version = 7;
    this.updatingLeft = 0;
    this.updatingDescribes = updatingDescribes;
    this.runningScript = [...runningScript];
    this.stoppingDescribes = stoppingDescribes;
    this.stoppingLeft = 0;
    this.startedAt = null;
    this.stoppedAt = null;
  }

  mocks(overrides = {}) {
    return {
      'kinesisanalyticsv2:describeApplication': () => {
        if (this.status === 'UPDATING') {
          if (this.updatingLeft-- <= 0) this.status = 'READY';
        } else if (this.status === 'FORCE_STOPPING') {
          if (this.stoppingLeft-- <= 0) this.status = 'READY';
        } else if (this.status === 'RUNNING' && this.runningScript.length > 0) {
          this.status = this.runningScript.shift();
        }
        return { ApplicationDetail: { ApplicationStatus: this.status, ApplicationVersionId: this.version } };
      },
      'kinesisanalyticsv2:updateApplication': (args) => {
        if (this.status !== 'READY') throw new TaskError('KinesisAnalyticsV2.ResourceInUseException', this.status);
        if (args.CurrentApplicationVersionId !== this.version) {
          throw new TaskError('KinesisAnalyticsV2.ConcurrentModificationException', 'version');
        }
        this.properties = args.ApplicationConfigurationUpdate.EnvironmentPropertyUpdates.PropertyGroups[0].PropertyMap;
        this.version++;
        this.status = this.updatingDescribes > 0 ? 'UPDATING' : 'READY';
        this.updatingLeft = this.updatingDescribes;
        return {};
      },
      'kinesisanalyticsv2:startApplication': (args, call, clock) => {
        if (this.status !== 'READY') throw new TaskError('KinesisAnalyticsV2.ResourceInUseException', this.status);
        this.status = 'RUNNING';
        this.startedAt = clock;
        return {};
      },
      'kinesisanalyticsv2:stopApplication': (args, call, clock) => {
        // Like the service: the call returns while the application is still stopping.
        this.status = this.stoppingDescribes > 0 ? 'FORCE_STOPPING' : 'READY';
        this.stoppingLeft = this.stoppingDescribes;
        this.stoppedAt = clock;
        return {};
      },
      ...overrides,
    };
  }
}
